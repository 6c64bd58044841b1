using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Http;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>Paths and assertions for the standalone core resources (the REST helpers are <see cref="Api"/>'s).</summary>
internal static class CoreApi
{
    /// <summary><c>/api/v1/namespaces/{ns}/{resource}[/{name}]{query}</c>.</summary>
    public static string V1(string ns, string resource, string name = "", string query = "") =>
        $"/api/v1/namespaces/{ns}/{resource}" + (name.Length > 0 ? "/" + name : "") + query;

    /// <summary><c>/apis/coordination.k8s.io/v1/namespaces/{ns}/leases[/{name}]{query}</c>.</summary>
    public static string Leases(string ns, string name = "", string query = "") =>
        $"/apis/coordination.k8s.io/v1/namespaces/{ns}/leases" + (name.Length > 0 ? "/" + name : "") + query;

    /// <summary><c>/apis/events.k8s.io/v1/namespaces/{ns}/events[/{name}]{query}</c>.</summary>
    public static string EventsV1(string ns, string name = "", string query = "") =>
        $"/apis/events.k8s.io/v1/namespaces/{ns}/events" + (name.Length > 0 ? "/" + name : "") + query;

    public static Task<ApiResponse> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null, string contentType = "application/json", string? accept = null) =>
        Http.Api.SendAsync(client, method, path, body, contentType, accept);

    public static Task<ApiResponse> GetAsync(HttpClient client, string path, string? accept = null) => Http.Api.GetAsync(client, path, accept);

    public static Task<ApiResponse> PostAsync(HttpClient client, string path, JsonNode body) => Http.Api.PostAsync(client, path, body);

    public static Task<ApiResponse> PutAsync(HttpClient client, string path, JsonNode body) => Http.Api.PutAsync(client, path, body);

    public static Task<ApiResponse> PatchAsync(HttpClient client, string path, string patch, string contentType = "application/merge-patch+json") =>
        Http.Api.PatchAsync(client, path, patch, contentType);

    public static Task<ApiResponse> DeleteAsync(HttpClient client, string path, string? options = null) => Http.Api.DeleteAsync(client, path, options);

    /// <summary>POSTs <paramref name="obj"/> to the collection <paramref name="path"/>, asserts 201 and returns the created object.</summary>
    public static async Task<JsonObject> CreateAsync(HttpClient client, string path, JsonObject obj)
    {
        var response = await PostAsync(client, path, obj);
        Assert.True(response.Code == 201, $"POST {path}: {response.Code} {response.Text}");
        return response.Json.AsObject();
    }

    /// <summary>Asserts a failure Status and returns its causes as (field, reason, message).</summary>
    public static List<(string? Field, string? Reason, string? Message)> AssertStatus(ApiResponse response, int code, string reason)
    {
        Assert.True(response.Code == code, $"expected {code}, got {response.Code}: {response.Text}");
        Assert.Equal("Status", (string?)response.Json["kind"]);
        Assert.Equal(reason, (string?)response.Json["reason"]);
        return (response.Json["details"]?["causes"] as JsonArray ?? [])
            .Select(c => ((string?)c!["field"], (string?)c["reason"], (string?)c["message"]))
            .ToList();
    }

    /// <summary>The message of a Status.</summary>
    public static string Message(ApiResponse response) => (string?)response.Json["message"] ?? "";

    /// <summary>The names of a list's items.</summary>
    public static List<string> Names(ApiResponse response) =>
        response.Json["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!).ToList();
}

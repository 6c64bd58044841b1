using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Tests.Http;

/// <summary>A response of the API: status, parsed JSON body (null when not JSON), headers and raw text.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Text)
{
    public int Code => (int)Status;

    public JsonNode Json => Body ?? throw new InvalidOperationException($"not JSON: {Text}");

    public IReadOnlyList<string> Warnings => Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
}

/// <summary>Requests against the resource endpoints of a test server.</summary>
internal static class Api
{
    public const string GroupVersion = "/apis/infra.virtrigaud.io/v1beta1";
    public const string ApiVersion = "infra.virtrigaud.io/v1beta1";

    public static string Path(string ns, string resource, string name = "", string subresource = "", string query = "")
    {
        var path = $"{GroupVersion}/namespaces/{ns}/{resource}";
        if (name.Length > 0)
        {
            path += "/" + name;
        }

        if (subresource.Length > 0)
        {
            path += "/" + subresource;
        }

        return path + query;
    }

    public static async Task<ApiResponse> SendAsync(
        HttpClient client, HttpMethod method, string path, string? body = null, string contentType = "application/json", string? accept = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        configure?.Invoke(request);
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = response.Content.Headers.ContentEncoding.Contains("gzip") ? "" : Encoding.UTF8.GetString(bytes);
        JsonNode? json = null;
        try
        {
            json = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return new ApiResponse(response.StatusCode, json, response.Headers, response.Content.Headers, text);
    }

    public static Task<ApiResponse> GetAsync(HttpClient client, string path, string? accept = null) => SendAsync(client, HttpMethod.Get, path, accept: accept);

    public static Task<ApiResponse> PostAsync(HttpClient client, string path, JsonNode body) => SendAsync(client, HttpMethod.Post, path, body.ToJsonString());

    public static Task<ApiResponse> PutAsync(HttpClient client, string path, JsonNode body) => SendAsync(client, HttpMethod.Put, path, body.ToJsonString());

    public static Task<ApiResponse> PatchAsync(HttpClient client, string path, string patch, string contentType = "application/merge-patch+json") =>
        SendAsync(client, HttpMethod.Patch, path, patch, contentType);

    public static Task<ApiResponse> DeleteAsync(HttpClient client, string path, string? options = null) => SendAsync(client, HttpMethod.Delete, path, options);

    /// <summary>Creates and asserts 201; returns the created object.</summary>
    public static async Task<JsonObject> CreateAsync(HttpClient client, string ns, string resource, JsonObject obj)
    {
        var response = await PostAsync(client, Path(ns, resource), obj);
        Assert.True(response.Code == 201, response.Text);
        return response.Json.AsObject();
    }

    /// <summary>A valid VirtualMachine.</summary>
    public static JsonObject Vm(string name, string ns, string? labels = null, string powerState = "On") => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "VirtualMachine",
        ["metadata"] = labels is null
            ? new JsonObject { ["name"] = name, ["namespace"] = ns }
            : new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = JsonNode.Parse(labels) },
        ["spec"] = new JsonObject
        {
            ["providerRef"] = new JsonObject { ["name"] = "vsphere" },
            ["classRef"] = new JsonObject { ["name"] = "small" },
            ["imageRef"] = new JsonObject { ["name"] = "ubuntu" },
            ["powerState"] = powerState,
        },
    };

    /// <summary>A valid VMSet with <paramref name="replicas"/> replicas.</summary>
    public static JsonObject VmSet(string name, string ns, int replicas) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "VMSet",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = JsonNode.Parse("""
            {"replicas":REPLICAS,"selector":{"matchLabels":{"app":"NAME"}},
             "template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"providerRef":{"name":"vsphere"},"classRef":{"name":"small"},"imageRef":{"name":"ubuntu"}}}}
            """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal)),
    };

    public static string Str(JsonNode? node) => node?.GetValue<string>() ?? "";
}

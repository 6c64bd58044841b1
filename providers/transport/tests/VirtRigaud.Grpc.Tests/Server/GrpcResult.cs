using System.Globalization;
using System.Net.Http.Headers;
using Google.Protobuf.WellKnownTypes;

namespace VirtRigaud.Grpc.Tests.Server;

/// <summary>A whole response as the client saw it: headers, messages, and the status from trailers or (trailers-only) headers.</summary>
internal sealed class GrpcResult
{
    public required HttpResponseMessage Response { get; init; }

    public required IReadOnlyList<StringValue> Messages { get; init; }

    /// <summary>Whether the status came in the response headers: a trailers-only response, which has no body.</summary>
    public required bool TrailersOnly { get; init; }

    /// <summary>Where the status and trailing metadata came from.</summary>
    public HttpHeaders StatusHeaders => TrailersOnly ? Response.Headers : Response.TrailingHeaders;

    public StatusCode Code => (StatusCode)int.Parse(Single(StatusHeaders, "grpc-status")!, CultureInfo.InvariantCulture);

    /// <summary>The raw (percent-encoded) grpc-message, or <c>null</c>.</summary>
    public string? RawMessage => Single(StatusHeaders, "grpc-message");

    public static string? Single(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? Assert.Single(values) : null;

    /// <summary>Sends <paramref name="request"/> and reads the response to its end.</summary>
    public static async Task<GrpcResult> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(GrpcTestServer.Patience);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return await ReadAsync(response, timeout.Token);
    }

    /// <summary>Reads the rest of <paramref name="response"/>: every message, then the status.</summary>
    public static async Task<GrpcResult> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Assert.Equal(new Version(2, 0), response.Version);
        var messages = new List<StringValue>();
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        while (await GrpcWire.ReadMessageAsync(body, cancellationToken) is { } message)
        {
            messages.Add(message);
        }

        var trailersOnly = response.Headers.Contains("grpc-status");
        if (trailersOnly)
        {
            Assert.Empty(messages);
            Assert.False(response.TrailingHeaders.Contains("grpc-status"), "the status is sent once");
        }

        return new GrpcResult { Response = response, Messages = messages, TrailersOnly = trailersOnly };
    }
}

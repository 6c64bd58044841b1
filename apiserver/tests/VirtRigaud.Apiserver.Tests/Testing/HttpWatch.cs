using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Tests.Testing;

/// <summary>An open watch response read event by event, and how it ended.</summary>
internal sealed class HttpWatch : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private HttpWatch(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public int Code => (int)_response.StatusCode;

    /// <summary>Sends the watch request and returns once the response headers arrived (whatever the status).</summary>
    public static async Task<HttpWatch> OpenAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json"));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new HttpWatch(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event, or null at the clean end of the stream. Throws when the stream breaks (reset, abort).</summary>
    public async Task<JsonNode?> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var line = await _reader.ReadLineAsync(cancel.Token);
        return line is null ? null : JsonNode.Parse(line);
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

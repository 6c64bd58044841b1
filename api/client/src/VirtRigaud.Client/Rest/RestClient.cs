using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Client.Configuration;

namespace VirtRigaud.Client.Rest;

/// <summary>
/// The HTTP layer every client is built on (client-go's <c>rest.RESTClient</c>): sends <see cref="RestRequest"/>s to
/// the configured server with its credentials and <c>User-Agent</c>, throttled by a client-side token bucket
/// (<see cref="KubernetesClientConfiguration.Qps"/>/<see cref="KubernetesClientConfiguration.Burst"/>), bounded by the
/// request timeout (except watches), retrying 429/5xx answers that carry <c>Retry-After</c>
/// (<see cref="KubernetesClientConfiguration.MaxRetries"/> times), reporting <c>Warning</c> headers, and turning every
/// non-2xx answer into a <see cref="KubernetesApiException"/> with the server's Status. Thread-safe; one instance per
/// server and identity, shared by all typed clients (it owns the connection pool).
/// </summary>
public sealed class RestClient : IDisposable
{
    // Bytes of a non-Status error body kept in the synthesized message (client-go keeps up to 2 KiB).
    private const int MaxErrorBodySnippet = 2048;

    // Distinct warning texts remembered by the default (logging) handler, so a repeated deprecation logs once.
    private const int MaxRememberedWarnings = 256;

    private readonly HttpClient _http;
    private readonly IDisposable? _owned;
    private readonly TokenBucketRateLimiter? _limiter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _basePath;
    private readonly ConcurrentDictionary<string, byte> _loggedWarnings = new(StringComparer.Ordinal);

    /// <summary>Creates a client for <paramref name="configuration"/> (validated here).</summary>
    /// <param name="configuration">The server, credentials and client behaviour.</param>
    /// <param name="loggerFactory">Where the client logs (never secrets); none by default.</param>
    /// <param name="timeProvider">The clock for throttling, timeouts, retries and token refresh; the system clock by default.</param>
    /// <exception cref="KubeconfigException">The configuration is invalid.</exception>
    public RestClient(KubernetesClientConfiguration configuration, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        configuration.Validate();
        Configuration = configuration;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("VirtRigaud.Client");
        var (handler, owned) = KubernetesHttpHandlerFactory.Create(configuration, _time, _logger);
        _owned = owned;
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        UserAgentValue = configuration.UserAgent ?? UserAgent.Default;
        _limiter = configuration.Qps > 0 ? new TokenBucketRateLimiter(configuration.Qps, configuration.Burst, _time) : null;
        _basePath = configuration.Server.AbsolutePath.TrimEnd('/');
    }

    /// <summary>The configuration this client was built from.</summary>
    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>The <c>User-Agent</c> sent.</summary>
    public string UserAgentValue { get; }

    /// <summary>The clock the client uses.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>
    /// Sends a request and returns the successful (2xx) response with its body buffered; the caller disposes it.
    /// </summary>
    /// <exception cref="KubernetesApiException">The server answered with a non-2xx status.</exception>
    /// <exception cref="TimeoutException">The request took longer than the configured timeout.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached.</exception>
    public Task<HttpResponseMessage> SendAsync(RestRequest request, CancellationToken cancellationToken) =>
        SendCoreAsync(request, streaming: false, cancellationToken);

    /// <summary>Sends a request and decodes the JSON answer.</summary>
    /// <exception cref="KubernetesApiException">The server answered with a non-2xx status.</exception>
    /// <exception cref="TimeoutException">The request took longer than the configured timeout.</exception>
    public async Task<T> SendAsync<T>(RestRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, streaming: false, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(body, typeInfo)
            ?? throw new InvalidDataException($"{request.Method} {request.Path} answered null");
    }

    /// <summary>
    /// Starts a watch (the request must carry <c>watch=true</c>) and yields its events as they arrive; see
    /// <see cref="Clients.IListWatch{T}.WatchAsync"/> for the event contract. Not bound by the request timeout (the
    /// server's <c>timeoutSeconds</c> ends a watch). Cancelling or disposing the enumerator closes the response.
    /// </summary>
    /// <exception cref="KubernetesApiException">The server refused the watch, or sent an ERROR event (410 ⇒ <see cref="KubernetesApiException.IsGone"/>).</exception>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(RestRequest request, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, streaming: true, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            ClientLog.WatchStarted(_logger, request.Path, request.Query.FirstOrDefault(q => q.Key == "resourceVersion").Value);
            long events = 0;
            await foreach (var item in WatchStreamReader.ReadAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false))
            {
                events++;
                yield return item;
            }

            ClientLog.WatchEnded(_logger, request.Path, events);
        }
    }

    /// <summary>Releases the connection pool and the exec plugin's state.</summary>
    public void Dispose()
    {
        _http.Dispose();
        _owned?.Dispose();
    }

    private async Task<HttpResponseMessage> SendCoreAsync(RestRequest request, bool streaming, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (_limiter is not null)
            {
                await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            using var timeout = streaming || Configuration.Timeout == System.Threading.Timeout.InfiniteTimeSpan
                ? null
                : new CancellationTokenSource(Configuration.Timeout, _time);
            using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var token = linked?.Token ?? cancellationToken;
            var started = _time.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                using var message = BuildMessage(request);
                response = await _http.SendAsync(message, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{request.Method} {request.Path} did not complete within {Configuration.Timeout}", e);
            }

            ClientLog.Request(_logger, request.Method.Method, request.Path, (int)response.StatusCode, _time.GetElapsedTime(started));
            ReportWarnings(response);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var code = (int)response.StatusCode;
                if (attempt < Configuration.MaxRetries && (code == 429 || code >= 500) && RetryAfter(response) is { } delay)
                {
                    ClientLog.RetryingAfter(_logger, request.Method.Method, request.Path, code, delay, attempt + 1, Configuration.MaxRetries);
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw await ErrorAsync(request, response, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private HttpRequestMessage BuildMessage(RestRequest request)
    {
        var builder = new UriBuilder(Configuration.Server)
        {
            Path = _basePath + request.Path,
            Query = QueryString.Format(request.Query) is { Length: > 0 } q ? q[1..] : "",
        };
        // A message built by hand does not take HttpClient.DefaultRequestVersion: ask for HTTP/2 here. Over TLS, ALPN
        // settles it (HTTP/1.1 when the server does not offer h2); over plain http this stays HTTP/1.1 (no h2c upgrade).
        var message = new HttpRequestMessage(request.Method, builder.Uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        message.Headers.Accept.ParseAdd(request.Accept);
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgentValue);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        return message;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        // client-go honours integer seconds only; an HTTP date is read as "now".
        if (response.Headers.RetryAfter is { Delta: { } delta })
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        return response.Headers.RetryAfter is { Date: not null } ? TimeSpan.Zero : null;
    }

    private void ReportWarnings(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Warning", out var values))
        {
            return;
        }

        foreach (var warning in WarningHeaders.Parse(values))
        {
            if (Configuration.WarningHandler is { } handler)
            {
                handler(warning);
            }
            else if (_loggedWarnings.Count < MaxRememberedWarnings ? _loggedWarnings.TryAdd(warning.Text, 0) : !_loggedWarnings.ContainsKey(warning.Text))
            {
                ClientLog.ServerWarning(_logger, warning.Text);
            }
        }
    }

    private static async Task<KubernetesApiException> ErrorAsync(RestRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            body = [];
        }

        if (TryDecodeStatus(body) is { } status)
        {
            return new KubernetesApiException(status.Code is null ? status with { Code = code } : status);
        }

        var snippet = body.Length == 0 ? null : Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxErrorBodySnippet)).Trim();
        return new KubernetesApiException(KubernetesApiException.SynthesizeStatus(code, Verb(request), null, null, string.IsNullOrEmpty(snippet) ? null : snippet));
    }

    internal static Status? TryDecodeStatus(byte[] body)
    {
        if (body.Length == 0 || body[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "Status")
            {
                return document.RootElement.Deserialize(MachineryJsonContext.Default.Status);
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: the caller synthesizes a Status.
        }

        return null;
    }

    private static string Verb(RestRequest request) => request.Method.Method switch
    {
        "GET" => "get",
        "POST" => "post",
        "PUT" => "put",
        "PATCH" => "patch",
        "DELETE" => "delete",
        var other => other.ToLowerInvariant(),
    };
}

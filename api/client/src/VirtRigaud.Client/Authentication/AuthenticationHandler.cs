using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using VirtRigaud.Client.Configuration;

namespace VirtRigaud.Client.Authentication;

/// <summary>
/// Adds the request's credentials — a bearer token from the configured source or basic credentials — and the
/// impersonation headers. A 401 from a source that can refresh (token file, exec plugin) drops its cached credential
/// and retries the request once with a fresh one (the client's request bodies are buffered, so a resend is safe).
/// </summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly IBearerTokenSource? _tokens;
    private readonly AuthenticationHeaderValue? _basic;
    private readonly Impersonation? _impersonate;
    private readonly ILogger _logger;

    public AuthenticationHandler(IBearerTokenSource? tokens, AuthenticationHeaderValue? basic, Impersonation? impersonate, ILogger logger, HttpMessageHandler inner)
        : base(inner)
    {
        _tokens = tokens;
        _basic = basic;
        _impersonate = impersonate;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await ApplyAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || _tokens is null || !_tokens.Invalidate())
        {
            return response;
        }

        ClientLog.RetryingAfterUnauthorized(_logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? "");
        response.Dispose();
        await ApplyAsync(request, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_tokens is not null && await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (_basic is not null)
        {
            request.Headers.Authorization = _basic;
        }

        if (_impersonate is null)
        {
            return;
        }

        request.Headers.Remove("Impersonate-User");
        request.Headers.Remove("Impersonate-Uid");
        request.Headers.Remove("Impersonate-Group");
        request.Headers.TryAddWithoutValidation("Impersonate-User", _impersonate.User);
        if (_impersonate.Uid is not null)
        {
            request.Headers.TryAddWithoutValidation("Impersonate-Uid", _impersonate.Uid);
        }

        foreach (var group in _impersonate.Groups)
        {
            request.Headers.TryAddWithoutValidation("Impersonate-Group", group);
        }

        foreach (var (key, values) in _impersonate.Extra)
        {
            // Header names are case-insensitive: kube-apiserver percent-decodes the key (client-go escapes it).
            var name = "Impersonate-Extra-" + Uri.EscapeDataString(key);
            request.Headers.Remove(name);
            foreach (var value in values)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}

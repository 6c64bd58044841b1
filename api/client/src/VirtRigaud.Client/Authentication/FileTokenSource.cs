using Microsoft.Extensions.Logging;

namespace VirtRigaud.Client.Authentication;

/// <summary>
/// A token read from a file and re-read once it is older than the refresh interval, as client-go's
/// <c>cachingTokenSource</c> does for kubeconfig <c>tokenFile</c> and the in-cluster projected token (which the kubelet
/// rotates). Leading and trailing whitespace is trimmed. If a re-read fails the last good token keeps being used (and
/// the failure is logged, without the token); the first read failing is an error. Thread-safe.
/// </summary>
internal sealed class FileTokenSource : IBearerTokenSource
{
    private readonly string _path;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Cached? _cached;

    public FileTokenSource(string path, TimeSpan refreshInterval, TimeProvider time, ILogger logger)
    {
        _path = path;
        _refreshInterval = refreshInterval;
        _time = time;
        _logger = logger;
    }

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (IsFresh(cached))
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _cached;
            if (IsFresh(cached))
            {
                return cached.Token;
            }

            string token;
            try
            {
                token = (await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false)).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (cached is null)
                {
                    throw new Configuration.KubeconfigException($"cannot read the token file {_path}: {e.Message}", e);
                }

                ClientLog.TokenFileReadFailed(_logger, _path, e);
                _cached = cached with { ReadAt = _time.GetTimestamp(), Stale = false };
                return cached.Token;
            }

            _cached = new Cached(token, _time.GetTimestamp(), Stale: false);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public bool Invalidate()
    {
        // Re-read at the next request: the kubelet may have rotated the token since.
        _cached = _cached is { } c ? c with { Stale = true } : null;
        return true;
    }

    private bool IsFresh([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] Cached? cached) =>
        cached is { Stale: false } && _time.GetElapsedTime(cached.ReadAt) < _refreshInterval;

    private sealed record Cached(string Token, long ReadAt, bool Stale);
}

namespace VirtRigaud.Client.Rest;

/// <summary>
/// client-go's client-side throttle (<c>flowcontrol.NewTokenBucketRateLimiter</c>): a bucket of <c>burst</c> tokens
/// refilled at <c>qps</c> per second; each request takes one, waiting (on the injected clock) when the bucket is
/// empty. Waiters are served in arrival order because each reserves its token at call time. Thread-safe.
/// </summary>
internal sealed class TokenBucketRateLimiter
{
    private readonly Lock _lock = new();
    private readonly double _qps;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    public TokenBucketRateLimiter(double qps, int burst, TimeProvider time)
    {
        _qps = qps;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes a token, waiting until it is due; a cancelled wait gives the token back.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                _tokens += 1;
            }

            throw;
        }
    }

    /// <summary>Takes a token if one is available now, without waiting.</summary>
    public bool TryAcquire()
    {
        lock (_lock)
        {
            Refill();
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }

    // Takes a token now, possibly going negative (a debt the refill pays off); returns how long until it is covered.
    private TimeSpan Reserve()
    {
        lock (_lock)
        {
            Refill();
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_last, now);
        _last = now;
        _tokens = Math.Min(_burst, _tokens + (elapsed.TotalSeconds * _qps));
    }
}

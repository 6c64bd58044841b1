namespace VirtRigaud.Client.WorkQueue;

/// <summary>
/// A token bucket with the semantics of golang.org/x/time/rate's <c>Limiter</c>, which client-go's work queue and
/// event spam filter are built on: the bucket holds at most <see cref="Burst"/> tokens, starts full and refills at
/// <see cref="TokensPerSecond"/>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><see cref="Reserve"/></term><description>always takes a token, letting the bucket go negative, and returns how long the caller must wait for it (x/time/rate's <c>Reserve().Delay()</c>): the work queue's pacing</description></item>
/// <item><term><see cref="TryTake"/></term><description>takes a token only if one is there (x/time/rate's <c>Allow()</c>, client-go's <c>TryAccept</c>): the event spam filter</description></item>
/// </list>
/// Thread-safe. Time comes from the <see cref="TimeProvider"/>'s monotonic timestamp, so wall-clock jumps do not
/// refill or drain it.
/// </remarks>
public sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    /// <summary>Creates a full bucket.</summary>
    /// <param name="tokensPerSecond">The refill rate; <see cref="double.PositiveInfinity"/> means unlimited.</param>
    /// <param name="burst">The capacity, at least 1.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when null.</param>
    public TokenBucket(double tokensPerSecond, int burst, TimeProvider? time = null)
    {
        if (double.IsNaN(tokensPerSecond) || tokensPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tokensPerSecond), tokensPerSecond, "the refill rate must be positive");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        TokensPerSecond = tokensPerSecond;
        Burst = burst;
        _time = time ?? TimeProvider.System;
        _tokens = burst;
        _last = _time.GetTimestamp();
    }

    /// <summary>The refill rate.</summary>
    public double TokensPerSecond { get; }

    /// <summary>The capacity.</summary>
    public int Burst { get; }

    /// <summary>The tokens available now (negative while reservations are outstanding). Does not take any.</summary>
    public double Available
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _tokens;
            }
        }
    }

    /// <summary>
    /// Takes one token and returns how long the caller has to wait until it is covered: zero while the bucket has
    /// tokens, otherwise the time the refill needs. Mutates the bucket.
    /// </summary>
    public TimeSpan Reserve()
    {
        if (double.IsPositiveInfinity(TokensPerSecond))
        {
            return TimeSpan.Zero;
        }

        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / TokensPerSecond);
        }
    }

    /// <summary>Takes one token if the bucket has one; <c>false</c> (and nothing taken) otherwise.</summary>
    public bool TryTake()
    {
        if (double.IsPositiveInfinity(TokensPerSecond))
        {
            return true;
        }

        lock (_gate)
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

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_last, now);
        _last = now;
        if (elapsed > TimeSpan.Zero)
        {
            _tokens = Math.Min(Burst, _tokens + (elapsed.TotalSeconds * TokensPerSecond));
        }
    }
}

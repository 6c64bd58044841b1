namespace VirtRigaud.Controllers.Providers;

/// <summary>
/// The inner exception of the UNAVAILABLE <see cref="VirtRigaud.Grpc.RpcException"/> a <see cref="CircuitBreaker"/>
/// fails a call with while open: it tells a rejection by the breaker (the provider was not called) from the provider's
/// own UNAVAILABLE without reading message text (<see cref="CircuitBreaker.IsRejection"/>).
/// </summary>
public sealed class CircuitBreakerOpenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CircuitBreakerOpenException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CircuitBreakerOpenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CircuitBreakerOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the rejection of breaker <paramref name="breaker"/> with <paramref name="detail"/> (when to retry).</summary>
    public CircuitBreakerOpenException(string breaker, string detail)
        : base($"circuit breaker {breaker} is open ({detail})")
    {
        Breaker = breaker;
    }

    /// <summary>The breaker's name (<c>&lt;type&gt;:&lt;namespace&gt;/&lt;name&gt;:rpc</c>).</summary>
    public string? Breaker { get; }
}

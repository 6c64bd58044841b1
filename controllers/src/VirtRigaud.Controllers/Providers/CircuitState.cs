namespace VirtRigaud.Controllers.Providers;

/// <summary>A circuit breaker's state; the numbers are the values of <c>virtrigaud_circuit_breaker_state</c>.</summary>
public enum CircuitState
{
    /// <summary>Calls pass; consecutive infrastructure failures are counted.</summary>
    Closed = 0,

    /// <summary>The open period has passed; a limited number of probe calls pass.</summary>
    HalfOpen = 1,

    /// <summary>Calls fail at once with UNAVAILABLE "circuit breaker open".</summary>
    Open = 2,
}

using Polly;

namespace VirtRigaud.Controllers.Providers;

/// <summary>The Polly options record of <see cref="CircuitBreakerStrategy"/>; the breaker's own settings are <see cref="CircuitBreakerOptions"/>.</summary>
internal sealed class CircuitBreakerStrategyOptions : ResilienceStrategyOptions
{
    public CircuitBreakerStrategyOptions()
    {
        Name = "VirtRigaudCircuitBreaker";
    }
}

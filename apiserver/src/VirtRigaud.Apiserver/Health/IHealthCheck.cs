namespace VirtRigaud.Apiserver.Health;

/// <summary>
/// One named check of <c>/healthz</c>, <c>/livez</c> and/or <c>/readyz</c> (also served alone at
/// <c>/readyz/&lt;name&gt;</c>). Register implementations as singletons of this interface; they run in registration
/// order on every probe, so they must be cheap and must honour the cancellation token.
/// </summary>
public interface IHealthCheck
{
    /// <summary>The check's name, e.g. <c>ping</c>, <c>storage</c>, <c>shutdown</c>: lower case, no slashes.</summary>
    string Name { get; }

    /// <summary>The endpoints the check takes part in.</summary>
    HealthProbes Probes { get; }

    /// <summary>Completes when healthy; throws (the message is logged, never sent to the client) when not.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}

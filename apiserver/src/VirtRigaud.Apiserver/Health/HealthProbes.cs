namespace VirtRigaud.Apiserver.Health;

/// <summary>The health endpoints a check takes part in.</summary>
[Flags]
public enum HealthProbes
{
    None = 0,

    /// <summary><c>/healthz</c> (deprecated by Kubernetes, still probed by many tools).</summary>
    Healthz = 1,

    /// <summary><c>/livez</c>: failing means the process should be restarted.</summary>
    Livez = 2,

    /// <summary><c>/readyz</c>: failing means the server should get no traffic.</summary>
    Readyz = 4,

    All = Healthz | Livez | Readyz,
}

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>A snapshot of one Local provider process, as the Provider's status reports it. Immutable.</summary>
public sealed record LocalProcessStatus
{
    /// <summary>The state.</summary>
    public required LocalProcessState State { get; init; }

    /// <summary>The gRPC address (<c>127.0.0.1:&lt;port&gt;</c>) of the current or last process; null before the first start.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The process id while it runs.</summary>
    public int? ProcessId { get; init; }

    /// <summary>How many times the process was restarted.</summary>
    public int Restarts { get; init; }

    /// <summary>The last exit code (or -1 when the start itself failed); null while none exited.</summary>
    public int? LastExitCode { get; init; }

    /// <summary>A sentence for the status (exit code, next restart, last standard-error lines with credentials masked).</summary>
    public required string Message { get; init; }

    /// <summary>The manager's TLS material for this process; null with TLS disabled.</summary>
    public Providers.ProviderTlsMaterial? Tls { get; init; }
}

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// Local mode: the manager runs <c>&lt;BinaryDirectory&gt;/virtrigaud-provider-&lt;type&gt;</c> as a child process on
/// loopback ports. Immutable; checked by <see cref="Validate"/>.
/// </summary>
public sealed record LocalProviderOptions
{
    /// <summary>Where the provider binaries are (flag <c>--provider-binary-dir</c>): one directory, or several separated by <c>:</c>, searched in order.</summary>
    public required string BinaryDirectory { get; init; }

    /// <summary>
    /// Where the manager keeps its loopback CA (<c>ca/</c>) and each provider's directory
    /// (<c>providers/&lt;namespace&gt;/&lt;name&gt;/</c>: TLS files, the mock's state) (flag <c>--local-provider-state-dir</c>).
    /// </summary>
    public required string StateDirectory { get; init; }

    /// <summary>The first restart delay after a provider process exits.</summary>
    public TimeSpan RestartBackoffInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The restart delay doubles per exit up to this.</summary>
    public TimeSpan RestartBackoffMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A process that ran this long before exiting restarts after <see cref="RestartBackoffInitial"/> again.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a started process may take to answer <c>/healthz</c> before it is killed and restarted.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often <c>/healthz</c> is asked while a process starts.</summary>
    public TimeSpan StartupProbeInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a stopping process gets after SIGTERM before SIGKILL (the SDK drains in-flight calls meanwhile).</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many of the last standard-error lines are kept for the status message after an exit.</summary>
    public int StderrTailLines { get; init; } = 5;

    /// <summary>
    /// Start children through <c>setpriv --pdeathsig KILL</c> (util-linux) so the kernel kills them if the manager dies
    /// without shutting down (SIGKILL, OOM). On by default; off only where setpriv is missing.
    /// </summary>
    public bool KillOnParentDeath { get; init; } = true;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentException">A directory is empty, a duration is not positive, or a maximum is below its base.</exception>
    public LocalProviderOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(BinaryDirectory, nameof(BinaryDirectory));
        ArgumentException.ThrowIfNullOrWhiteSpace(StateDirectory, nameof(StateDirectory));
        ProviderControllerOptions.Positive(RestartBackoffInitial, nameof(RestartBackoffInitial));
        ProviderControllerOptions.Positive(StableAfter, nameof(StableAfter));
        ProviderControllerOptions.Positive(StartupTimeout, nameof(StartupTimeout));
        ProviderControllerOptions.Positive(StartupProbeInterval, nameof(StartupProbeInterval));
        ProviderControllerOptions.Positive(StopGracePeriod, nameof(StopGracePeriod));
        if (RestartBackoffMax < RestartBackoffInitial)
        {
            throw new ArgumentOutOfRangeException(nameof(RestartBackoffMax), RestartBackoffMax, $"must be at least {nameof(RestartBackoffInitial)} ({RestartBackoffInitial})");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(StderrTailLines, 0, nameof(StderrTailLines));
        return this;
    }
}

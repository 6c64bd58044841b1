using System.Text.RegularExpressions;

namespace VirtRigaud.Provider.Conformance;

/// <summary>
/// How a <see cref="ConformanceRunner"/> paces and bounds its cases. Every wait is bounded, so a provider that never
/// finishes a task fails the case instead of hanging the run. Validated by <see cref="Validate"/> when the runner is
/// created. Immutable.
/// </summary>
public sealed partial record ConformanceRunnerOptions
{
    /// <summary>Default of <see cref="TaskTimeout"/>: as long as upstream's longest unary deadline short of the disk copies.</summary>
    public static readonly TimeSpan DefaultTaskTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Default of <see cref="StateTimeout"/>.</summary>
    public static readonly TimeSpan DefaultStateTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Default of <see cref="CaseTimeout"/>: room for one 30-minute disk export (upstream's deadline) and the rest.</summary>
    public static readonly TimeSpan DefaultCaseTimeout = TimeSpan.FromMinutes(45);

    /// <summary>Default of <see cref="CleanupTimeout"/>.</summary>
    public static readonly TimeSpan DefaultCleanupTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Default of <see cref="InitialPollInterval"/>.</summary>
    public static readonly TimeSpan DefaultInitialPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Default of <see cref="MaxPollInterval"/>: upstream's manager re-checks tasks every 10 s; we are a little keener.</summary>
    public static readonly TimeSpan DefaultMaxPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>Default of <see cref="ConsoleTimeout"/>.</summary>
    public static readonly TimeSpan DefaultConsoleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The upstream manager always sends 60 s with POWER_OP_SHUTDOWN_GRACEFUL.</summary>
    public const int UpstreamGracefulTimeoutSeconds = 60;

    /// <summary>
    /// The prefix of every name the run creates (<c>&lt;prefix&gt;-&lt;case label&gt;</c>); <c>null</c> = <c>vrc-</c> and six
    /// random hex digits. Lowercase letters, digits and '-', starting with a letter, at most 20 characters, so that the
    /// names are valid VM names on every hypervisor (DNS labels).
    /// </summary>
    public string? RunPrefix { get; init; }

    /// <summary>How long a task may take before the case fails (polled with TaskStatus).</summary>
    public TimeSpan TaskTimeout { get; init; } = DefaultTaskTimeout;

    /// <summary>How long Describe may take to report a power state after the operation's task finished.</summary>
    public TimeSpan StateTimeout { get; init; } = DefaultStateTimeout;

    /// <summary>How long one case may take in all; past it the case fails with <c>timeout</c>.</summary>
    public TimeSpan CaseTimeout { get; init; } = DefaultCaseTimeout;

    /// <summary>How long deleting what a case created may take.</summary>
    public TimeSpan CleanupTimeout { get; init; } = DefaultCleanupTimeout;

    /// <summary>The first pause between two polls (TaskStatus, Describe); it doubles up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan InitialPollInterval { get; init; } = DefaultInitialPollInterval;

    public TimeSpan MaxPollInterval { get; init; } = DefaultMaxPollInterval;

    /// <summary>How long the console may take to open and to answer the probe bytes.</summary>
    public TimeSpan ConsoleTimeout { get; init; } = DefaultConsoleTimeout;

    /// <summary><c>graceful_timeout_seconds</c> of the graceful shutdown the suite asks for.</summary>
    public int GracefulTimeoutSeconds { get; init; } = UpstreamGracefulTimeoutSeconds;

    /// <summary>Leave what the cases created in place (to inspect a failure); names still carry the run prefix.</summary>
    public bool KeepResources { get; init; }

    /// <summary>The clock of every wait and deadline.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (RunPrefix is not null && !RunPrefixPattern().IsMatch(RunPrefix))
        {
            throw new ArgumentException(
                $"run prefix \"{RunPrefix}\" must start with a lowercase letter, hold only lowercase letters, digits and '-', and be at most 20 characters",
                nameof(RunPrefix));
        }

        Positive(TaskTimeout, nameof(TaskTimeout));
        Positive(StateTimeout, nameof(StateTimeout));
        Positive(CaseTimeout, nameof(CaseTimeout));
        Positive(CleanupTimeout, nameof(CleanupTimeout));
        Positive(InitialPollInterval, nameof(InitialPollInterval));
        Positive(ConsoleTimeout, nameof(ConsoleTimeout));
        if (MaxPollInterval < InitialPollInterval)
        {
            throw new ArgumentException("MaxPollInterval must be at least InitialPollInterval", nameof(MaxPollInterval));
        }

        if (GracefulTimeoutSeconds <= 0)
        {
            throw new ArgumentException("GracefulTimeoutSeconds must be positive", nameof(GracefulTimeoutSeconds));
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must be positive", name);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunPrefixPattern();
}

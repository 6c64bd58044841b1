namespace VirtRigaud.Client.Informers;

/// <summary>
/// Settings of a <see cref="Reflector{T}"/>; the defaults are client-go's. Immutable; <see cref="Validate"/> runs when
/// the reflector starts.
/// </summary>
public sealed record ReflectorOptions
{
    /// <summary>The largest page of the initial list (client-go's pager default: 500).</summary>
    public const long DefaultPageSize = 500;

    /// <summary>A name for logs, e.g. <c>virtualmachines</c> or <c>virtualmachines in team-a</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Only objects with matching labels are listed and watched (a filtered informer).</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Only objects with matching fields are listed and watched, e.g. <c>metadata.name=vm-1</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size of lists; 0 lists in one request.</summary>
    public long PageSize { get; init; } = DefaultPageSize;

    /// <summary>
    /// Try the streaming list first (WatchList: <c>sendInitialEvents=true</c>, <c>resourceVersionMatch=NotOlderThan</c>,
    /// bookmarks; the state is complete at the <c>k8s.io/initial-events-end</c> bookmark). A server that rejects it
    /// (400, 405, 422, 501, or a stream without that bookmark) is remembered and listed from then on.
    /// </summary>
    public bool UseWatchList { get; init; } = true;

    /// <summary>How often <see cref="IReflectorStore{T}.Resync"/> is called while watching; zero never.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// The shortest server-side watch timeout; each watch asks for a random timeout between this and twice this, so
    /// watches of many clients do not end together (client-go: 5 min).
    /// </summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first back-off after a failure (client-go: 800 ms); doubled per failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The longest back-off (client-go: 30 s), jitter included.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After this long without a failure the back-off starts from <see cref="InitialBackoff"/> again (client-go: 2 min).</summary>
    public TimeSpan BackoffResetAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Each back-off is lengthened by a random fraction of itself up to this factor (client-go: 1.0, i.e. up to double).</summary>
    public double BackoffJitter { get; init; } = 1.0;

    /// <summary>
    /// A watch that ends cleanly sooner than this without delivering anything counts as a failure (client-go's "very
    /// short watch": 1 s), so a server that closes watches at once is not hammered.
    /// </summary>
    public TimeSpan ShortWatchThreshold { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a watch answered with 500 InternalError is retried from the same resourceVersion before the reflector
    /// lists again (client-go's <c>MaxInternalErrorRetryDuration</c>). client-go defaults to zero (list at once); we
    /// retry for 30 s because a 500 says nothing about the resourceVersion, and a relist of a large collection costs
    /// the server far more than a re-watch — an API server that is shutting down answers some watches with 500.
    /// </summary>
    public TimeSpan MaxInternalErrorRetryDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of back-offs, timeouts and resyncs.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for settings that cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(PageSize, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(ResyncPeriod, TimeSpan.Zero, nameof(ResyncPeriod));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinWatchTimeout, TimeSpan.FromSeconds(1), nameof(MinWatchTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialBackoff, TimeSpan.Zero, nameof(InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(BackoffResetAfter, TimeSpan.Zero, nameof(BackoffResetAfter));
        ArgumentOutOfRangeException.ThrowIfNegative(BackoffJitter, nameof(BackoffJitter));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShortWatchThreshold, TimeSpan.Zero, nameof(ShortWatchThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInternalErrorRetryDuration, TimeSpan.Zero, nameof(MaxInternalErrorRetryDuration));
    }
}

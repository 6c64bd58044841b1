namespace VirtRigaud.Provider.Contract;

/// <summary>Settings of a <see cref="ProviderClient"/>, validated when the client is created. Immutable.</summary>
public sealed record ProviderClientOptions
{
    /// <summary>The default polling interval of <see cref="ProviderClient.WatchTaskAsync"/> against a provider without WatchTask.</summary>
    public static readonly TimeSpan DefaultTaskPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>Per-RPC deadlines; the upstream manager's by default.</summary>
    public ProviderCallDeadlines Deadlines { get; init; } = ProviderCallDeadlines.Default;

    /// <summary>How often WatchTask's fallback polls TaskStatus.</summary>
    public TimeSpan TaskPollInterval { get; init; } = DefaultTaskPollInterval;

    /// <summary>
    /// Keep a call waiting while the connection cannot be established (until its deadline) instead of failing at once
    /// with UNAVAILABLE. On by default, as the upstream manager's <c>WaitForReady(true)</c>.
    /// </summary>
    public bool WaitForReady { get; init; } = true;

    /// <summary>The clock deadlines and polling run on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        foreach (var (rpc, deadline) in Deadlines.ToDictionary())
        {
            if (deadline <= TimeSpan.Zero)
            {
                throw new ArgumentException($"the {rpc} deadline must be positive, not {deadline}", nameof(Deadlines));
            }
        }

        if (TaskPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"the task poll interval must be positive, not {TaskPollInterval}", nameof(TaskPollInterval));
        }
    }
}

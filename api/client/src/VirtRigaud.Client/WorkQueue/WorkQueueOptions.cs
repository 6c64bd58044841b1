using System.Diagnostics.Metrics;

namespace VirtRigaud.Client.WorkQueue;

/// <summary>Settings of a <see cref="WorkQueue{TKey}"/> (client-go's <c>TypedQueueConfig</c>).</summary>
public sealed record WorkQueueOptions
{
    /// <summary>
    /// The queue's name: the <c>name</c> label of its metrics. Without a name the queue reports no metrics, as in
    /// client-go (so short-lived or test queues do not pollute the exposition).
    /// </summary>
    public string? Name { get; init; }

    /// <summary>The clock of delays and metrics.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The meter the metrics are created on (for example one from <c>IMeterFactory</c>); a process-wide meter named
    /// <see cref="WorkQueueMetrics.MeterName"/> when null.
    /// </summary>
    public Meter? Meter { get; init; }
}

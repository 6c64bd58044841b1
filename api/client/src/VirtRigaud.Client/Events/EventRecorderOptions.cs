using System.Diagnostics.Metrics;

namespace VirtRigaud.Client.Events;

/// <summary>
/// Settings of an <see cref="EventRecorder"/>; the correlation and retry defaults are client-go's
/// (k8s.io/client-go/tools/record). Immutable; <see cref="Validate"/> runs when the recorder starts.
/// </summary>
public sealed record EventRecorderOptions
{
    /// <summary>The reporting component (<c>source.component</c>, <c>reportingComponent</c>), e.g. <c>virtrigaud-controller-manager</c>.</summary>
    public required string Component { get; init; }

    /// <summary>The reporting host or instance (<c>source.host</c>, <c>reportingInstance</c>), e.g. the pod name; optional.</summary>
    public string? Host { get; init; }

    /// <summary>Events waiting to be written; when full, new events are dropped and counted (client-go: 1000).</summary>
    public int QueueCapacity { get; init; } = 1000;

    /// <summary>Distinct messages with the same source, object, type and reason before they are combined into one event (client-go: 10).</summary>
    public int AggregateMaxEvents { get; init; } = 10;

    /// <summary>How long similar events are remembered for aggregation (client-go: 10 min).</summary>
    public TimeSpan AggregateInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Events per object that may be written at once before the spam filter holds them back (client-go: 25).</summary>
    public int SpamBurst { get; init; } = 25;

    /// <summary>How fast the spam filter's per-object budget refills (client-go: one event every 5 minutes).</summary>
    public double SpamRefillPerSecond { get; init; } = 1.0 / 300;

    /// <summary>The entries each correlation cache keeps (client-go: 4096).</summary>
    public int CacheSize { get; init; } = 4096;

    /// <summary>How often writing one event is tried when the server cannot be reached (client-go: 12).</summary>
    public int MaxWriteAttempts { get; init; } = 12;

    /// <summary>The wait between write attempts (client-go: 10 s; the first wait is a random part of it).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock of timestamps, aggregation windows, the spam filter and retries.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The meter of <c>event_recorder_dropped_total</c>; a process-wide meter named <see cref="EventRecorder.MeterName"/> when null.</summary>
    public Meter? Meter { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> for settings that cannot work.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Component, nameof(Component));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(AggregateMaxEvents, 1, nameof(AggregateMaxEvents));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AggregateInterval, TimeSpan.Zero, nameof(AggregateInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(SpamBurst, 1, nameof(SpamBurst));
        if (double.IsNaN(SpamRefillPerSecond) || SpamRefillPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SpamRefillPerSecond), SpamRefillPerSecond, "the spam filter's refill rate must be positive");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(CacheSize, 1, nameof(CacheSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWriteAttempts, 1, nameof(MaxWriteAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryInterval, TimeSpan.Zero, nameof(RetryInterval));
    }
}

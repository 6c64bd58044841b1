namespace VirtRigaud.Controllers.Classes;

/// <summary>
/// Timing of the aggregate-status controllers (VMClass, VMImage, VMNetworkAttachment). Validate with <see cref="Validate"/>.
/// </summary>
public sealed record StatusAggregationOptions
{
    /// <summary>
    /// The shortest time between two status writes that change only a usage count (<c>usedByVMs</c>,
    /// <c>connectedVMs</c>): while 1,000 VMs are created, a class is written a few times, not a thousand. Changes of
    /// validity or conditions are written at once.
    /// </summary>
    public TimeSpan UsageWriteInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws when a value is out of range; returns this.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is negative.</exception>
    public StatusAggregationOptions Validate() =>
        UsageWriteInterval < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(UsageWriteInterval), UsageWriteInterval, "must not be negative") : this;
}

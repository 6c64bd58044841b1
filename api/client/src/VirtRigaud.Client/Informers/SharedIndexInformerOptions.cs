namespace VirtRigaud.Client.Informers;

/// <summary>Settings of a <see cref="SharedIndexInformer{T}"/>. Immutable; validated when the informer runs.</summary>
public sealed record SharedIndexInformerOptions
{
    /// <summary>The shortest resync period a handler may ask for (client-go's <c>minimumResyncPeriod</c>).</summary>
    public static readonly TimeSpan MinimumResyncPeriod = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The default resync period of handlers (client-go's <c>defaultEventHandlerResyncPeriod</c>) and how often the
    /// informer checks for due resyncs; zero turns resyncs off unless a handler asks for them before the start.
    /// </summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.Zero;

    /// <summary>How the informer lists and watches: selectors, WatchList, page size, back-off, clock, log name.</summary>
    public ReflectorOptions Reflector { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for settings that cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ResyncPeriod, TimeSpan.Zero, nameof(ResyncPeriod));
        Reflector.Validate();
    }
}

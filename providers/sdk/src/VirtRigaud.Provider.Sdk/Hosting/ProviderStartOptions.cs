using Microsoft.Extensions.Logging;

namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// How <see cref="ProviderServer.StartAsync"/> runs, beyond the <see cref="ProviderRuntimeOptions"/>: what a process
/// takes from its surroundings, injectable so that tests run providers in-process. Immutable.
/// </summary>
public sealed record ProviderStartOptions
{
    /// <summary>The environment the implementation sees through <see cref="ProviderEnvironment"/> (default: this process's, read at start).</summary>
    public ProviderEnvironment? Environment { get; init; }

    /// <summary>Where log lines go (default: standard output).</summary>
    public TextWriter? LogOutput { get; init; }

    /// <summary>Adds logger providers after the SDK's own (tests capture entries).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>The clock (default: the system clock).</summary>
    public TimeProvider? TimeProvider { get; init; }
}

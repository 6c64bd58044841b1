namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// The provider refused or failed to start. The message says what to fix (what to mount, which variable to set,
/// which port is taken) and never contains a secret; <see cref="ExitCode"/> is what the process exits with.
/// </summary>
public sealed class ProviderStartupException : Exception
{
    public ProviderStartupException()
        : this("the provider could not start", ProviderExitCodes.Failure)
    {
    }

    public ProviderStartupException(string message)
        : this(message, ProviderExitCodes.Failure)
    {
    }

    public ProviderStartupException(string message, Exception innerException)
        : this(message, ProviderExitCodes.Failure, innerException)
    {
    }

    public ProviderStartupException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>One of <see cref="ProviderExitCodes"/>.</summary>
    public int ExitCode { get; }
}

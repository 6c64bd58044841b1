namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// Exit codes of a provider process hosted by <see cref="ProviderHost"/>:
/// <code>
/// 0  stopped cleanly (SIGTERM/SIGINT after a graceful drain), or --help
/// 1  failed at run time: a port could not be bound, the implementation could not be built or threw while starting
/// 2  usage: unknown flag, bad flag value, or a bad value in LOG_LEVEL, LOG_FORMAT, TLS_ENABLED, TLS_INSECURE_SKIP_VERIFY
/// 3  refused to start insecurely: TLS material missing (without VIRTRIGAUD_PROVIDER_INSECURE=true), partial, or unloadable
/// </code>
/// </summary>
public static class ProviderExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int TlsRefused = 3;
}

using Microsoft.Extensions.Logging;
using VirtRigaud.Provider.Libvirt.Hosting;
using VirtRigaud.Provider.Libvirt.Transport;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>
/// The provider's way to the hypervisor: parses the endpoint, makes the command runner on first use (so a missing
/// credential surfaces as an actionable Validate failure, not a crash at start), and disposes it on shutdown (ending
/// the ssh master connection). Thread-safe.
/// </summary>
internal sealed class LibvirtConnection(
    LibvirtProviderSettings settings,
    ProviderCredentials credentials,
    ProviderEnvironment environment,
    ILogger<LibvirtConnection> logger,
    TimeProvider time) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ICommandRunner? _runner;
    private VirshClient? _client;

    /// <summary>The settings.</summary>
    public LibvirtProviderSettings Settings => settings;

    /// <summary>The parsed endpoint.</summary>
    /// <exception cref="ProviderException">FAILED_PRECONDITION when the endpoint does not parse.</exception>
    public LibvirtEndpoint Endpoint
    {
        get
        {
            try
            {
                return LibvirtEndpoint.Parse(settings.Endpoint);
            }
            catch (FormatException e)
            {
                throw ProviderErrors.FailedPrecondition(e.Message, e);
            }
        }
    }

    /// <summary>The virsh client (made on first call).</summary>
    public async Task<VirshClient> GetClientAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _client) is { } existing)
        {
            return existing;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is null)
            {
                var endpoint = Endpoint;
                _runner = CommandRunnerFactory.Create(endpoint, credentials, environment, logger, time);
                _client = new VirshClient(_runner, endpoint.VirshUri);
            }

            return _client;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the runner (ssh master connection, key folder).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_runner is { } runner)
        {
            await runner.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}

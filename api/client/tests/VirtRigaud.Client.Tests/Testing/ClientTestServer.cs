using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Storage.Sqlite;

namespace VirtRigaud.Client.Tests.Testing;

/// <summary>
/// Our real API server, in-process on <c>https://127.0.0.1:&lt;free port&gt;</c>, with its own temporary data directory
/// (SQLite store, generated CA and certificates, and the admin kubeconfig the client tests load with the client's own
/// kubeconfig loader — which proves CA trust and client certificates end to end). Built on the server's public API
/// only; <see cref="RestartAsync"/> keeps the port and the data, <see cref="DisposeAsync"/> deletes the directory.
/// </summary>
public sealed class ClientTestServer : IAsyncDisposable
{
    private ApiServer? _server;

    private ClientTestServer(ApiServerOptions options)
    {
        Options = options;
    }

    /// <summary>The options of the current (or last) run; the port is the actual one after the first start.</summary>
    public ApiServerOptions Options { get; private set; }

    /// <summary>The running server (throws when stopped).</summary>
    public ApiServer Server => _server ?? throw new InvalidOperationException("the test server is stopped");

    /// <summary>The admin kubeconfig (user <c>admin</c>, group <c>system:masters</c>), rewritten at every start.</summary>
    public string KubeconfigPath => Options.KubeconfigPath;

    /// <summary>The data directory (deleted on dispose).</summary>
    public string DataDirectory => Options.DataDirectoryPath;

    /// <summary>The running server's services (IStorage, TimeProvider…).</summary>
    public IServiceProvider Services => Server.Services;

    /// <summary>Starts a server; <paramref name="configure"/> may change options (token file, policy…), not the directory.</summary>
    public static async Task<ClientTestServer> StartAsync(Func<ApiServerOptions, ApiServerOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "virtrigaud-client-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var options = new ApiServerOptions
        {
            Port = 0,
            DataDirectory = directory,
            SqliteSynchronous = SqliteSynchronousMode.Normal,
            ShutdownGracePeriod = TimeSpan.FromSeconds(5),
        };
        options = (configure?.Invoke(options) ?? options) with { DataDirectory = directory };
        var server = new ClientTestServer(options);
        try
        {
            await server.StartCoreAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Stops the server gracefully, keeping the data directory.</summary>
    public async Task StopAsync()
    {
        var server = _server;
        _server = null;
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Stops (if running) and starts again on the same port and data.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartCoreAsync(cancellationToken);
    }

    /// <summary>Stops the server and deletes the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Options.DataDirectoryPath, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _server = await ApiServer.StartAsync(Options, cancellationToken: cancellationToken);
        Options = Options with { Port = _server.Port };
    }
}

using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Storage.Sqlite;

namespace VirtRigaud.Controllers.Tests.Testing;

/// <summary>
/// Our real API server in-process on a free loopback port with its own temporary data directory (SQLite store,
/// generated CA and the admin kubeconfig the controllers load). Built on the server's public API only (the apiserver
/// suite's TestApiServer uses its internals). <see cref="RestartAsync"/> keeps port and data.
/// </summary>
public sealed class ControllerTestServer : IAsyncDisposable
{
    private ApiServer? _server;

    private ControllerTestServer(ApiServerOptions options)
    {
        Options = options;
    }

    /// <summary>The options of the current (or last) run; the port is the actual one after the first start.</summary>
    public ApiServerOptions Options { get; private set; }

    /// <summary>The admin kubeconfig, rewritten at every start.</summary>
    public string KubeconfigPath => Options.KubeconfigPath;

    public static async Task<ControllerTestServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "virtrigaud-controllers-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var server = new ControllerTestServer(new ApiServerOptions
        {
            Port = 0,
            DataDirectory = directory,
            SqliteSynchronous = SqliteSynchronousMode.Normal,
            ShutdownGracePeriod = TimeSpan.FromSeconds(5),
        });
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

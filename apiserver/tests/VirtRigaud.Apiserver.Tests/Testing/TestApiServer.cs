using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Storage.Sqlite;

namespace VirtRigaud.Apiserver.Tests.Testing;

/// <summary>
/// A real API server for tests, in-process on <c>https://127.0.0.1:&lt;free port&gt;</c> with its own temporary data
/// directory (SQLite store, generated CA and certificates, admin kubeconfig):
/// <code>
/// await using var server = await TestApiServer.StartAsync();
/// var response = await server.Client.GetAsync("/apis/infra.virtrigaud.io/v1beta1/namespaces/default/virtualmachines");
/// </code>
/// <see cref="Client"/> is authenticated as <c>admin</c> (group <c>system:masters</c>) over HTTP/2 and trusts only the
/// generated CA. <see cref="RestartAsync"/> restarts on the same port and data; <see cref="DisposeAsync"/> stops the
/// server and deletes the directory.
/// </summary>
public sealed class TestApiServer : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];
    private ApiServer? _server;
    private HttpClient? _client;

    private readonly Action<ILoggingBuilder>? _configureLogging;

    private TestApiServer(ApiServerOptions options, Action<ILoggingBuilder>? configureLogging)
    {
        Options = options;
        _configureLogging = configureLogging;
    }

    /// <summary>The options of the current (or last) run; <see cref="ApiServerOptions.Port"/> is the actual port after the first start.</summary>
    public ApiServerOptions Options { get; private set; }

    /// <summary>The running server (throws when stopped).</summary>
    public ApiServer Server => _server ?? throw new InvalidOperationException("the test server is stopped");

    /// <summary><c>https://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri BaseAddress => Server.Address;

    /// <summary>The port, the same across restarts.</summary>
    public int Port => Options.Port;

    /// <summary>The temporary data directory (deleted on dispose).</summary>
    public string DataDirectory => Options.DataDirectoryPath;

    /// <summary>The admin kubeconfig, for <c>kubectl --kubeconfig</c>.</summary>
    public string KubeconfigPath => Options.KubeconfigPath;

    /// <summary>The running server's services (IStorage, TimeProvider, ServerLifecycle…).</summary>
    public IServiceProvider Services => Server.Services;

    /// <summary>An HTTP/2 client authenticated as admin (system:masters), base address set; replaced by <see cref="RestartAsync"/>.</summary>
    public HttpClient Client => _client ?? throw new InvalidOperationException("the test server is stopped");

    /// <summary>The generated CA's certificate (public part).</summary>
    public X509Certificate2 CaCertificate => X509CertificateLoader.LoadCertificate(Server.Certificates.Authority.Certificate.RawData);

    /// <summary>
    /// Starts a server. <paramref name="configure"/> may change the options (a token file, a policy file…); the data
    /// directory and port are chosen here. <paramref name="configureLogging"/> adds log providers (none by default).
    /// </summary>
    public static async Task<TestApiServer> StartAsync(
        Func<ApiServerOptions, ApiServerOptions>? configure = null,
        Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "virtrigaud-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var options = new ApiServerOptions
        {
            Port = 0,
            DataDirectory = directory,
            SqliteSynchronous = SqliteSynchronousMode.Normal,
            ShutdownGracePeriod = TimeSpan.FromSeconds(5),
        };
        options = (configure?.Invoke(options) ?? options) with { DataDirectory = directory };
        var server = new TestApiServer(options, configureLogging);
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

    /// <summary>Gets a service of the running server.</summary>
    public T GetRequiredService<T>()
        where T : notnull => Server.Services.GetRequiredService<T>();

    /// <summary>
    /// A client for this server with the given credentials: a client certificate, a bearer token, both or neither
    /// (anonymous). Trusts only the generated CA. Disposed with the server.
    /// </summary>
    public HttpClient CreateClient(X509Certificate2? clientCertificate = null, string? bearerToken = null, Version? httpVersion = null)
    {
        var ca = CaCertificate;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(ca, certificate, errors),
            },
        };
        var client = new HttpClient(handler)
        {
            BaseAddress = BaseAddress,
            DefaultRequestVersion = httpVersion ?? HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearerToken);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>A client certificate for <paramref name="user"/> in <paramref name="groups"/>, signed by the server's CA.</summary>
    public X509Certificate2 IssueClientCertificate(string user, params string[] groups) =>
        Server.Certificates.Authority.IssueClient(user, groups, TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(1));

    /// <summary>Stops the server gracefully, keeping the data directory.</summary>
    public async Task StopAsync()
    {
        var server = _server;
        _server = null;
        _client = null;
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Stops (if running) and starts again on the same port and data, optionally with changed options.</summary>
    public async Task RestartAsync(Func<ApiServerOptions, ApiServerOptions>? reconfigure = null, CancellationToken cancellationToken = default)
    {
        await StopAsync();
        if (reconfigure is not null)
        {
            Options = reconfigure(Options) with { DataDirectory = Options.DataDirectory, Port = Options.Port };
        }

        await StartCoreAsync(cancellationToken);
    }

    /// <summary>Stops the server, disposes the clients and deletes the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _clients.Clear();
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
        _server = await ApiServer.StartAsync(Options, _configureLogging, cancellationToken: cancellationToken);
        Options = Options with { Port = _server.Port };
        _client = CreateClient(Server.Certificates.Admin);
    }

    private static bool Trusted(X509Certificate2 ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(X509CertificateLoader.LoadCertificate(presented.GetRawCertData()));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Http;
using VirtRigaud.Apiserver.Tests.Testing;
using VirtRigaud.Grpc.Security;
using static VirtRigaud.Apiserver.Tests.Http.Api;

namespace VirtRigaud.Apiserver.Tests.ConsoleStreaming;

/// <summary>
/// One API server and three real mock providers shared by the console tests: plaintext, mutual TLS (its CA also issued
/// the API server's <c>--provider-client-tls-dir</c> material), and one without the console stream. Users of the
/// authorization policy: <c>console-user</c> may get and create <c>virtualmachines/console</c> only,
/// <c>console-reader</c> may only get it, <c>vm-admin</c> may do anything with <c>virtualmachines</c> but not the console.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>How long any one wait may take (generous: the CI machine is loaded).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private const string Policy = """
        rules:
        - users: [console-user]
          verbs: [get, create]
          apiGroups: [infra.virtrigaud.io]
          resources: [virtualmachines/console]
        - users: [console-reader]
          verbs: [get]
          apiGroups: [infra.virtrigaud.io]
          resources: [virtualmachines/console]
        - users: [vm-admin]
          verbs: ["*"]
          apiGroups: [infra.virtrigaud.io]
          resources: [virtualmachines, virtualmachines/status]
        """;

    private readonly string _files = Directory.CreateTempSubdirectory("virtrigaud-console-").FullName;
    private int _namespaces;

    public TestApiServer Server { get; private set; } = null!;

    public HttpClient Client => Server.Client;

    /// <summary>The plaintext (h2c) mock.</summary>
    internal ConsoleTestProvider Mock { get; private set; } = null!;

    /// <summary>The mock behind mutual TLS.</summary>
    internal ConsoleTestProvider TlsMock { get; private set; } = null!;

    /// <summary>A mock with the console stream switched off (answers UNIMPLEMENTED).</summary>
    internal ConsoleTestProvider NoConsoleMock { get; private set; } = null!;

    /// <summary>The CA of <see cref="TlsMock"/>'s certificates.</summary>
    public TestCertificateAuthority ProviderCa { get; private set; } = null!;

    public string NewNamespace(string prefix) => $"{prefix}-{Interlocked.Increment(ref _namespaces)}";

    public async Task InitializeAsync()
    {
        ProviderCa = TestCertificateAuthority.Create();
        var clientTls = System.IO.Path.Combine(_files, "client-tls");
        ProviderCa.WritePemFiles(ProviderCa.IssueClientCertificate("virtrigaud-apiserver"), clientTls);
        var policy = System.IO.Path.Combine(_files, "policy.yaml");
        await File.WriteAllTextAsync(policy, Policy);

        Mock = await ConsoleTestProvider.StartAsync();
        TlsMock = await ConsoleTestProvider.StartAsync(ConsoleTestProvider.WriteServerTls(ProviderCa, _files));
        NoConsoleMock = await ConsoleTestProvider.StartAsync(disabledCapabilities: ["console-stream"]);
        Server = await TestApiServer.StartAsync(o => o with
        {
            AuthorizationPolicyFile = policy,
            Console = o.Console with { ProviderClientTlsDirectory = clientTls },
        });
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        foreach (var mock in new[] { Mock, TlsMock, NoConsoleMock })
        {
            if (mock is not null)
            {
                await mock.DisposeAsync();
            }
        }

        ProviderCa?.Dispose();
        Directory.Delete(_files, recursive: true);
    }

    /// <summary>
    /// Creates a Provider running at <paramref name="endpoint"/> (status.runtime.endpoint, as the manager reports it).
    /// <paramref name="tls"/> is its <c>spec.runtime.service.tls</c> (plaintext by default); null <paramref name="endpoint"/>
    /// leaves the status without an endpoint (not running).
    /// </summary>
    public static async Task CreateProviderAsync(HttpClient client, string ns, string name, string? endpoint, string mode = "External", JsonObject? tls = null)
    {
        var runtime = new JsonObject
        {
            ["mode"] = mode,
            ["service"] = new JsonObject { ["tls"] = tls ?? new JsonObject { ["enabled"] = false } },
        };
        if (mode == "External")
        {
            runtime["endpoint"] = endpoint ?? "127.0.0.1:1";
        }

        await CreateAsync(client, ns, "providers", new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "Provider",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject
            {
                ["type"] = "mock",
                ["endpoint"] = "grpc://127.0.0.1:9443",
                ["credentialSecretRef"] = new JsonObject { ["name"] = "mock-credentials" },
                ["runtime"] = runtime,
            },
        });
        if (endpoint is not null)
        {
            var status = new JsonObject { ["status"] = new JsonObject { ["runtime"] = new JsonObject { ["mode"] = mode, ["endpoint"] = endpoint, ["phase"] = "Running" } } };
            var patched = await PatchAsync(client, Path(ns, "providers", name, "status"), status.ToJsonString());
            Assert.True(patched.Code == 200, patched.Text);
        }
    }

    /// <summary>Creates a VirtualMachine of Provider <paramref name="provider"/>; a non-null <paramref name="vmId"/> is put in status.id, as the controller does.</summary>
    public static async Task CreateVmAsync(HttpClient client, string ns, string name, string provider, string? vmId)
    {
        await CreateAsync(client, ns, "virtualmachines", new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "VirtualMachine",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject
            {
                ["providerRef"] = new JsonObject { ["name"] = provider },
                ["classRef"] = new JsonObject { ["name"] = "small" },
                ["imageRef"] = new JsonObject { ["name"] = "ubuntu" },
                ["powerState"] = "On",
            },
        });
        if (vmId is not null)
        {
            var patched = await PatchAsync(client, Path(ns, "virtualmachines", name, "status"), new JsonObject { ["status"] = new JsonObject { ["id"] = vmId, ["powerState"] = "On" } }.ToJsonString());
            Assert.True(patched.Code == 200, patched.Text);
        }
    }

    /// <summary>
    /// A WebSocket upgrade request that the server refuses, sent as <see cref="System.Net.WebSockets.ClientWebSocket"/> sends it, so that the
    /// Status body can be read (a WebSocket client only sees the status code).
    /// </summary>
    internal static async Task<ApiResponse> RefusedUpgradeAsync(HttpClient http11, string ns, string name, params string[] subprotocols)
    {
        var response = await SendAsync(http11, HttpMethod.Get, Path(ns, "virtualmachines", name, "console"), configure: request =>
        {
            request.Version = HttpVersion.Version11;
            request.Headers.Connection.Add("Upgrade");
            request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
            request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
            request.Headers.Add("Sec-WebSocket-Version", "13");
            if (subprotocols.Length > 0)
            {
                request.Headers.Add("Sec-WebSocket-Protocol", string.Join(", ", subprotocols));
            }
        });
        Assert.NotEqual(HttpStatusCode.SwitchingProtocols, response.Status);
        return response;
    }
}

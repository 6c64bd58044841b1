using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Testing;
using VirtRigaud.Grpc.Security;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.V1;
using VirtRigaud.TestPeers;
using static VirtRigaud.Apiserver.Tests.Http.Api;

namespace VirtRigaud.Apiserver.Tests.ConsoleStreaming;

/// <summary>
/// <c>GET …/virtualmachines/{name}/console</c> upgraded to a WebSocket, end to end: a WebSocket client, the in-process
/// API server, and the real mock provider behind a Provider whose status.runtime.endpoint points at it.
/// </summary>
public sealed class ConsoleStreamingTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private HttpClient Admin => fixture.Client;

    [Fact]
    public async Task Console_V5Channel_EchoesResizesAndEndsWithSuccessStatusOnCloseSignal()
    {
        var (ns, vmId) = await RunningVmAsync("v5", fixture.Mock);
        await using var console = await ConsoleClient.ConnectAsync(fixture.Server, AdminCertificate(), ns, "vm", ["v5.channel.k8s.io"]);

        await console.ReadUntilAsync($"virtrigaud mock serial console: {ns}-vm ({vmId})\r\n");
        await console.SendStdinAsync("uname -a\r");
        await console.ReadUntilAsync("uname -a\r");
        await console.SendResizeAsync(132, 43);
        await console.SendStdinAsync("after resize\r");
        await console.ReadUntilAsync("after resize\r");
        await console.SendCloseStdinAsync();
        var (status, reason) = await console.ReadToCloseAsync();

        Assert.Equal("v5.channel.k8s.io", console.Protocol);
        Assert.Equal(1, console.EmptyStdoutMessages);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.Equal("console closed", reason);
        var end = JsonNode.Parse(Assert.Single(console.Errors))!;
        Assert.Equal(("Status", "Success"), (Str(end["kind"]), Str(end["status"])));
        Assert.Contains(fixture.Mock.Recorder.Inputs, i => i.InputCase == ConsoleInput.InputOneofCase.Resize && i.Resize.Columns == 132 && i.Resize.Rows == 43);
    }

    [Fact]
    public async Task Console_NoSubprotocol_IsPlainBytesAndClientCloseEndsTheProviderSession()
    {
        var (ns, vmId) = await RunningVmAsync("plain", fixture.Mock);
        var ended = fixture.Mock.Recorder.InputsEnded;
        await using var console = await ConsoleClient.ConnectAsync(fixture.Server, AdminCertificate(), ns, "vm", []);

        await console.ReadUntilAsync($"({vmId})\r\n");
        await console.SendRawAsync("typed as text\r"u8.ToArray(), WebSocketMessageType.Text);
        await console.ReadUntilAsync("typed as text\r");
        var (status, reason) = await console.CloseAsync();

        Assert.Equal("", console.Protocol);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.Equal("console closed", reason);
        Assert.True(await Eventually.TrueAsync(() => fixture.Mock.Recorder.InputsEnded > ended, ConsoleFixture.Patience), "the provider session did not end");
    }

    [Theory]
    [InlineData("plain.virtrigaud.io")]
    [InlineData("v4.channel.k8s.io")]
    [InlineData("v4.base64.channel.k8s.io")]
    [InlineData("channel.k8s.io")]
    [InlineData("base64.channel.k8s.io")]
    public async Task Console_EverySubprotocol_EchoesInput(string subprotocol)
    {
        var (ns, _) = await RunningVmAsync("proto", fixture.Mock);
        await using var console = await ConsoleClient.ConnectAsync(fixture.Server, AdminCertificate(), ns, "vm", ["v9.unknown.example", subprotocol]);

        await console.SendStdinAsync("echo é ✓\r");
        var stdout = await console.ReadUntilAsync("echo é ✓\r");
        await console.CloseAsync();

        Assert.Equal(subprotocol, console.Protocol);
        Assert.StartsWith("virtrigaud mock serial console:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_Http2ExtendedConnect_Streams()
    {
        var (ns, vmId) = await RunningVmAsync("h2", fixture.Mock);
        await using var console = await ConsoleClient.ConnectAsync(fixture.Server, AdminCertificate(), ns, "vm", ["v5.channel.k8s.io"], http2: true);

        await console.ReadUntilAsync($"({vmId})\r\n");
        await console.SendStdinAsync("over h2\r");
        await console.ReadUntilAsync("over h2\r");
        await console.CloseAsync();

        // An HTTP/2 WebSocket is accepted with 200 (RFC 8441), an HTTP/1.1 one with 101.
        Assert.Equal(HttpStatusCode.OK, console.Socket.HttpStatusCode);
    }

    [Fact]
    public async Task Console_VmPoweredOffOnProvider_ClosesWithVmStoppedStatus()
    {
        var (ns, vmId) = await RunningVmAsync("off", fixture.Mock);
        await using var console = await ConsoleClient.ConnectAsync(fixture.Server, AdminCertificate(), ns, "vm", ["v4.channel.k8s.io"]);
        await console.ReadUntilAsync($"({vmId})\r\n");

        fixture.Mock.Hypervisor.Power(vmId, PowerAction.Off, TimeSpan.Zero);
        var (status, reason) = await console.ReadToCloseAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.StartsWith("console closed: the virtual machine stopped", reason, StringComparison.Ordinal);
        var end = JsonNode.Parse(Assert.Single(console.Errors))!;
        Assert.Equal(("Failure", "VMStopped"), (Str(end["status"]), Str(end["reason"])));
    }

    [Fact]
    public async Task Console_VirtualMachineDeleted_ClosesWithReason()
    {
        var (ns, vmId) = await RunningVmAsync("deleted", fixture.Mock);
        await using var console = await ConsoleClient.ConnectAsync(fixture.Server, AdminCertificate(), ns, "vm", ["channel.k8s.io"]);
        await console.ReadUntilAsync($"({vmId})\r\n");

        var deleted = await DeleteAsync(Admin, Path(ns, "virtualmachines", "vm"));
        var (status, reason) = await console.ReadToCloseAsync();

        Assert.Equal(200, deleted.Code);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.Equal($"VirtualMachine {ns}/vm was deleted", reason);
        Assert.Equal($"VirtualMachine {ns}/vm was deleted", Assert.Single(console.Errors));
    }

    [Fact]
    public async Task Console_ProviderBehindMutualTls_UsesTheClientTlsDirectory()
    {
        var ns = fixture.NewNamespace("tls-dir");
        var vmId = fixture.TlsMock.CreateRunningVm(ns + "-vm");
        await ConsoleFixture.CreateProviderAsync(Admin, ns, "local", fixture.TlsMock.Endpoint, mode: "Local", tls: new JsonObject { ["enabled"] = true });
        await ConsoleFixture.CreateVmAsync(Admin, ns, "vm", "local", vmId);
        await using var console = await ConsoleClient.ConnectAsync(fixture.Server, AdminCertificate(), ns, "vm", []);

        await console.ReadUntilAsync($"({vmId})\r\n");
        await console.SendStdinAsync("over mTLS\r");
        await console.ReadUntilAsync("over mTLS\r");
        await console.CloseAsync();
    }

    [Fact]
    public async Task Console_ProviderTlsSecretStoredHere_IsUsedForExternalProviders()
    {
        // A server without --provider-client-tls-dir: only the Provider's TLS Secret, stored here, opens the provider's door.
        await using var server = await TestApiServer.StartAsync();
        var ns = fixture.NewNamespace("tls-secret");
        var vmId = fixture.TlsMock.CreateRunningVm(ns + "-vm");
        var tls = new JsonObject { ["enabled"] = true, ["secretRef"] = new JsonObject { ["name"] = "provider-tls" } };
        await ConsoleFixture.CreateProviderAsync(server.Client, ns, "external", fixture.TlsMock.Endpoint, tls: tls);
        await ConsoleFixture.CreateVmAsync(server.Client, ns, "vm", "external", vmId);
        var admin = server.IssueClientCertificate("admin", "system:masters");
        var withoutSecret = await ConsoleFixture.RefusedUpgradeAsync(server.CreateClient(admin, httpVersion: HttpVersion.Version11), ns, "vm");
        using var manager = fixture.ProviderCa.IssueClientCertificate("manager");
        var created = await PostAsync(server.Client, $"/api/v1/namespaces/{ns}/secrets", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "provider-tls", ["namespace"] = ns },
            ["type"] = "kubernetes.io/tls",
            ["stringData"] = new JsonObject
            {
                ["tls.crt"] = manager.ExportCertificatePem(),
                ["tls.key"] = TestCertificateAuthority.ExportPrivateKeyPem(manager),
                ["ca.crt"] = fixture.ProviderCa.ExportCertificatePem(),
            },
        });
        await using var console = await ConsoleClient.ConnectAsync(server, admin, ns, "vm", []);

        await console.ReadUntilAsync($"({vmId})\r\n");
        await console.CloseAsync();
        Assert.Equal(201, created.Code);
        Assert.Equal(503, withoutSecret.Code);
        Assert.Equal(
            $"Provider {ns}/external requires TLS, and this API server has no client certificate for it: its TLS Secret provider-tls is not stored here and the server was started without --provider-client-tls-dir",
            Str(withoutSecret.Json["message"]));
    }

    [Fact]
    public async Task Console_Authorization_NeedsGetAndCreateOnTheConsoleSubresourceOnly()
    {
        var (ns, vmId) = await RunningVmAsync("authz", fixture.Mock);
        await PatchAsync(Admin, Path(ns, "virtualmachines", "vm", "status"), """{"status":{"consoleURL":"vnc://127.0.0.1:5901"}}""");
        var reader = fixture.Server.IssueClientCertificate("console-reader");
        var admin = fixture.Server.IssueClientCertificate("vm-admin");
        var user = fixture.Server.IssueClientCertificate("console-user");

        var readerGet = await GetAsync(fixture.Server.CreateClient(reader), Path(ns, "virtualmachines", "vm", "console"));
        var readerUpgrade = await ConsoleFixture.RefusedUpgradeAsync(fixture.Server.CreateClient(reader, httpVersion: HttpVersion.Version11), ns, "vm");
        var adminUpgrade = await ConsoleFixture.RefusedUpgradeAsync(fixture.Server.CreateClient(admin, httpVersion: HttpVersion.Version11), ns, "vm");
        var adminVm = await GetAsync(fixture.Server.CreateClient(admin), Path(ns, "virtualmachines", "vm"));
        await using var console = await ConsoleClient.ConnectAsync(fixture.Server, user, ns, "vm", ["v5.channel.k8s.io"]);
        await console.ReadUntilAsync($"({vmId})\r\n");
        await console.CloseAsync();

        Assert.Equal(200, readerGet.Code);
        Assert.Equal(200, adminVm.Code);
        Assert.Equal(403, readerUpgrade.Code);
        Assert.Equal(
            $"virtualmachines.infra.virtrigaud.io \"vm\" is forbidden: User \"console-reader\" cannot create resource \"virtualmachines/console\" in API group \"infra.virtrigaud.io\" in the namespace \"{ns}\"",
            Str(readerUpgrade.Json["message"]));
        Assert.Equal(403, adminUpgrade.Code);
        Assert.Contains("cannot get resource \"virtualmachines/console\"", Str(adminUpgrade.Json["message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_BeforeUpgrade_FailuresAreStatuses()
    {
        var ns = fixture.NewNamespace("errors");
        var http11 = fixture.Server.CreateClient(AdminCertificate(), httpVersion: HttpVersion.Version11);
        var closedPort = FreePorts.Take(1)[0];
        var offId = fixture.Mock.Hypervisor.Create(new VmCreateSpec { Name = ns + "-off", Cpu = 1, MemoryMiB = 256 }).VmId;
        var noConsoleId = fixture.NoConsoleMock.CreateRunningVm(ns + "-noconsole");
        await ConsoleFixture.CreateProviderAsync(Admin, ns, "mock", fixture.Mock.Endpoint);
        await ConsoleFixture.CreateProviderAsync(Admin, ns, "stopped", endpoint: null);
        await ConsoleFixture.CreateProviderAsync(Admin, ns, "gone", $"127.0.0.1:{closedPort}");
        await ConsoleFixture.CreateProviderAsync(Admin, ns, "no-console", fixture.NoConsoleMock.Endpoint);
        await ConsoleFixture.CreateVmAsync(Admin, ns, "not-created", "mock", vmId: null);
        await ConsoleFixture.CreateVmAsync(Admin, ns, "orphan", "missing", "vm-1");
        await ConsoleFixture.CreateVmAsync(Admin, ns, "unknown-id", "mock", "vm-999999");
        await ConsoleFixture.CreateVmAsync(Admin, ns, "off", "mock", offId);
        await ConsoleFixture.CreateVmAsync(Admin, ns, "not-running", "stopped", "vm-1");
        await ConsoleFixture.CreateVmAsync(Admin, ns, "unreachable", "gone", "vm-1");
        await ConsoleFixture.CreateVmAsync(Admin, ns, "no-console", "no-console", noConsoleId);

        var cases = new (string Vm, string[] Protocols, int Code, string Reason, string Message)[]
        {
            ("absent", [], 404, "NotFound", "virtualmachines.infra.virtrigaud.io \"absent\" not found"),
            ("not-created", [], 404, "NotFound", "it has not been created on its provider (status.id is empty)"),
            ("orphan", [], 404, "NotFound", $"refers to Provider {ns}/missing, which does not exist"),
            ("unknown-id", [], 404, "NotFound", $"Provider {ns}/mock has no machine vm-999999"),
            ("off", [], 400, "BadRequest", $"cannot attach to the serial console of VirtualMachine {ns}/off"),
            ("not-running", [], 503, "ServiceUnavailable", "it reports no endpoint (status.runtime.endpoint)"),
            ("unreachable", [], 503, "ServiceUnavailable", $"Provider {ns}/gone is unreachable: Unavailable"),
            ("no-console", [], 501, "NotImplemented", $"Provider {ns}/no-console does not stream serial consoles"),
            ("off", ["v9.channel.k8s.io"], 400, "BadRequest", "requested protocol(s) are not supported: [v9.channel.k8s.io]; supports [v5.channel.k8s.io"),
        };
        foreach (var (vm, protocols, code, reason, message) in cases)
        {
            var response = await ConsoleFixture.RefusedUpgradeAsync(http11, ns, vm, protocols);
            Assert.True(code == response.Code, $"{vm}: {response.Text}");
            Assert.Equal(("Status", "Failure", reason), (Str(response.Json["kind"]), Str(response.Json["status"]), Str(response.Json["reason"])));
            Assert.Contains(message, Str(response.Json["message"]), StringComparison.Ordinal);
            if (code == 503)
            {
                Assert.Equal("5", response.Headers.RetryAfter?.ToString());
            }
        }
    }

    [Fact]
    public async Task Console_TlsProviderWithoutAnyClientMaterial_Is503NamingTheFlag()
    {
        var ns = fixture.NewNamespace("no-material");
        await using var server = await TestApiServer.StartAsync();
        await ConsoleFixture.CreateProviderAsync(server.Client, ns, "local", fixture.TlsMock.Endpoint, mode: "Local", tls: new JsonObject { ["enabled"] = true });
        await ConsoleFixture.CreateVmAsync(server.Client, ns, "vm", "local", "vm-1");

        var response = await ConsoleFixture.RefusedUpgradeAsync(server.CreateClient(server.IssueClientCertificate("admin", "system:masters"), httpVersion: HttpVersion.Version11), ns, "vm");

        Assert.Equal(503, response.Code);
        Assert.Equal(
            $"Provider {ns}/local requires TLS, and this API server has no client certificate for it: the server was started without --provider-client-tls-dir",
            Str(response.Json["message"]));
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Console_ClientTlsDirectoryFilledAfterStart_IsLoadedByTheFirstConsoleThatNeedsIt()
    {
        // make run starts the API server before the manager writes its client identity into the directory.
        var ns = fixture.NewNamespace("late-material");
        var directory = Directory.CreateTempSubdirectory("virtrigaud-late-tls-").FullName;
        try
        {
            await using var server = await TestApiServer.StartAsync(o => o with { Console = o.Console with { ProviderClientTlsDirectory = directory } });
            var vmId = fixture.TlsMock.CreateRunningVm(ns + "-vm");
            await ConsoleFixture.CreateProviderAsync(server.Client, ns, "local", fixture.TlsMock.Endpoint, mode: "Local", tls: new JsonObject { ["enabled"] = true });
            await ConsoleFixture.CreateVmAsync(server.Client, ns, "vm", "local", vmId);
            var admin = server.IssueClientCertificate("admin", "system:masters");

            var early = await ConsoleFixture.RefusedUpgradeAsync(server.CreateClient(admin, httpVersion: HttpVersion.Version11), ns, "vm");

            Assert.Equal(503, early.Code);
            Assert.Equal(
                $"Provider {ns}/local requires TLS, and this API server has no client certificate for it: --provider-client-tls-dir {directory} has no tls.crt, tls.key, ca.crt yet",
                Str(early.Json["message"]));
            Assert.Equal("5", early.Headers.RetryAfter?.ToString());

            fixture.ProviderCa.WritePemFiles(fixture.ProviderCa.IssueClientCertificate("virtrigaud-apiserver"), directory);
            await using var console = await ConsoleClient.ConnectAsync(server, admin, ns, "vm", []);
            await console.ReadUntilAsync($"({vmId})\r\n");
            await console.SendStdinAsync("late but here\r");
            await console.ReadUntilAsync("late but here\r");
            await console.CloseAsync();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Console_PlainGetWithoutUpgrade_StillReturnsTheUrl()
    {
        var (ns, _) = await RunningVmAsync("plainget", fixture.Mock);
        await PatchAsync(Admin, Path(ns, "virtualmachines", "vm", "status"), """{"status":{"consoleURL":"vnc://127.0.0.1:5901"}}""");

        var response = await GetAsync(Admin, Path(ns, "virtualmachines", "vm", "console"));

        Assert.Equal(200, response.Code);
        Assert.Equal("vnc://127.0.0.1:5901", Str(response.Json["url"]));
    }

    private async Task<(string Namespace, string VmId)> RunningVmAsync(string prefix, ConsoleTestProvider mock)
    {
        var ns = fixture.NewNamespace(prefix);
        var vmId = mock.CreateRunningVm(ns + "-vm");
        await ConsoleFixture.CreateProviderAsync(Admin, ns, "mock", mock.Endpoint);
        await ConsoleFixture.CreateVmAsync(Admin, ns, "vm", "mock", vmId);
        return (ns, vmId);
    }

    private System.Security.Cryptography.X509Certificates.X509Certificate2 AdminCertificate() =>
        fixture.Server.IssueClientCertificate("admin", "system:masters");
}

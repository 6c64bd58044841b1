using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using VirtRigaud.E2E.Tests.Testing;

namespace VirtRigaud.E2E.Tests.Console;

/// <summary>
/// The console subresource through the whole system: the URL with <c>kubectl get --raw</c>, and the serial console
/// streamed over a WebSocket from the API server to the Local mock provider the manager runs (the API server dials it
/// with the client identity the manager wrote after the API server had started).
/// </summary>
public sealed class ConsoleTests(AllInOneFixture fixture) : IClassFixture<AllInOneFixture>
{
    private AllInOneSystem System => fixture.System;

    [Fact]
    public async Task Console_RunningVm_UrlThroughKubectlAndSerialConsoleThroughWebSocket()
    {
        var scenario = await MockProviderScenario.CreateAsync(System.Settings, System.Kubectl, "e2e-console");
        await scenario.CreateVmAsync("vm1");
        await scenario.WaitVmPhaseAsync("vm1", "Running");
        var path = $"/apis/infra.virtrigaud.io/v1beta1/namespaces/{scenario.Namespace}/virtualmachines/vm1/console";

        var endpoint = JsonNode.Parse(await System.Kubectl.OkAsync("get", "--raw", path))!;
        Assert.False(string.IsNullOrEmpty((string?)endpoint["url"]), endpoint.ToJsonString());

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var socket = await ConnectAsync(path, timeout.Token);
        var id = Assert.Single(scenario.Mock.VmsNamed("vm1")).Id;
        await ReadUntilAsync(socket, $"virtrigaud mock serial console: vm1 ({id})", timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello from e2e\r"), WebSocketMessageType.Binary, true, timeout.Token);
        await ReadUntilAsync(socket, "hello from e2e", timeout.Token);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    /// <summary>A WebSocket to the API server as the admin user make run issued (its certificate and CA in .virtrigaud/pki).</summary>
    private async Task<ClientWebSocket> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var pki = Path.Combine(System.Settings.DataDirectory, "pki");
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(pki, "ca.crt")));
        var socket = new ClientWebSocket();
        socket.Options.ClientCertificates.Add(X509Certificate2.CreateFromPemFile(Path.Combine(pki, "admin.crt"), Path.Combine(pki, "admin.key")));
        socket.Options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is not X509Certificate2 server || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(server);
        };
        await socket.ConnectAsync(new Uri($"wss://127.0.0.1:{System.Settings.ApiPort}{path}"), cancellationToken);
        return socket;
    }

    private async Task ReadUntilAsync(ClientWebSocket socket, string expected, CancellationToken cancellationToken)
    {
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        while (!seen.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            Assert.True(received.MessageType != WebSocketMessageType.Close,
                $"the console closed ({socket.CloseStatus}: {socket.CloseStatusDescription}) before \"{expected}\"; seen: {seen}\n{System.Diagnostics()}");
            seen.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Testing;

namespace VirtRigaud.Apiserver.Tests.Hosting;

/// <summary>The built server as a process, started the way <c>make run</c> starts it.</summary>
public sealed class ServerProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _workingDirectory = Path.Combine(Path.GetTempPath(), "virtrigaud-process-" + Guid.NewGuid().ToString("N"));

    public ServerProcessTests()
    {
        Directory.CreateDirectory(_workingDirectory);
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    [Fact]
    public async Task Main_KilledWithSigkill_RestartsWithItsDataAndCertificates()
    {
        var port = ServerProcess.FreePort();
        var environment = new Dictionary<string, string> { ["VIRTRIGAUD_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var data = Path.Combine(_workingDirectory, ".virtrigaud");
        string uid;
        byte[] ca;
        await using (var first = ServerProcess.Start(_workingDirectory, environment))
        {
            await first.WaitForLineAsync("try: kubectl", StartTimeout);
            Assert.Contains($"virtrigaud-apiserver listening on https://127.0.0.1:{port} (HTTPS, HTTP/1.1 and HTTP/2)", first.Lines);
            Assert.Contains($"data directory: {data}", first.Lines);
            Assert.Contains($"store: sqlite {Path.Combine(data, "store.db")}", first.Lines);
            Assert.Contains($"kubeconfig: {Path.Combine(data, "kubeconfig")} (user admin, group system:masters)", first.Lines);
            Assert.Contains($"try: kubectl --kubeconfig {Path.Combine(data, "kubeconfig")} get vm", first.Lines);
            ca = await File.ReadAllBytesAsync(Path.Combine(data, "pki", "ca.crt"));

            using var client = AdminClient(data, port);
            using var created = await client.PostAsJsonAsync("/apis/infra.virtrigaud.io/v1beta1/namespaces/default/vmclasses", JsonNode.Parse("""
                {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMClass","metadata":{"name":"survivor"},"spec":{"cpu":2,"memory":"4Gi"}}
                """));
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            uid = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["metadata"]!["uid"]!;

            await first.KillAsync();
        }

        await using var second = ServerProcess.Start(_workingDirectory, environment);
        await second.WaitForLineAsync("try: kubectl", StartTimeout);
        Assert.Equal(ca, await File.ReadAllBytesAsync(Path.Combine(data, "pki", "ca.crt")));
        using (var client = AdminClient(data, port))
        {
            using var read = await client.GetAsync("/apis/infra.virtrigaud.io/v1beta1/namespaces/default/vmclasses/survivor");
            Assert.True(read.StatusCode == HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
            Assert.Equal(uid, (string?)JsonNode.Parse(await read.Content.ReadAsStringAsync())?["metadata"]?["uid"]);
        }

        Assert.Equal(0, await second.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Main_InvalidFlag_ExitsWithTheReason()
    {
        await using var server = ServerProcess.Start(_workingDirectory, null, "--bind-address", "localhost", "--port", "0");

        await server.WaitForLineAsync("--bind-address localhost is not an IP address", StartTimeout);

        // The server exits by itself; a SIGTERM racing its exit would turn the code into 143.
        Assert.Equal(1, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static HttpClient AdminClient(string data, int port)
    {
        var pki = Path.Combine(data, "pki");
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(pki, "ca.crt"));
        var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPemFile(Path.Combine(pki, "admin.crt"), Path.Combine(pki, "admin.key"))];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
    }
}

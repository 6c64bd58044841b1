using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.ProviderRuntime;
using VirtRigaud.Controllers.Tests.Testing;

namespace VirtRigaud.Controllers.Tests.ProviderRuntime;

/// <summary>The pieces of Local mode that need no process: binary lookup, back-off, output masking, the loopback CA.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LocalSupportTests
{
    private static readonly LocalProviderOptions Options = new()
    {
        BinaryDirectory = "/bin",
        StateDirectory = "/tmp",
        RestartBackoffInitial = TimeSpan.FromSeconds(1),
        RestartBackoffMax = TimeSpan.FromSeconds(60),
        StableAfter = TimeSpan.FromMinutes(10),
    };

    [Fact]
    public void Resolve_SeveralDirectories_FirstThatHasTheTypeWins()
    {
        var root = Directory.CreateTempSubdirectory("virtrigaud-binaries-").FullName;
        try
        {
            var mock = Directory.CreateDirectory(Path.Combine(root, "mock")).FullName;
            var libvirt = Directory.CreateDirectory(Path.Combine(root, "libvirt")).FullName;
            var shadow = Directory.CreateDirectory(Path.Combine(root, "shadow")).FullName;
            File.WriteAllText(Path.Combine(mock, "virtrigaud-provider-mock.dll"), string.Empty);
            File.WriteAllText(Path.Combine(libvirt, "virtrigaud-provider-libvirt"), string.Empty);
            File.WriteAllText(Path.Combine(shadow, "virtrigaud-provider-libvirt.dll"), string.Empty);
            var path = string.Join(':', mock, libvirt, shadow);

            var mockCommand = LocalProviderBinaries.Resolve(path, ProviderType.Mock);
            var libvirtCommand = LocalProviderBinaries.Resolve(path, ProviderType.Libvirt);

            Assert.Equal(Path.Combine(mock, "virtrigaud-provider-mock.dll"), mockCommand?.Binary);
            Assert.Equal(Path.Combine(libvirt, "virtrigaud-provider-libvirt"), libvirtCommand?.FileName);
            Assert.Null(LocalProviderBinaries.Resolve(path, ProviderType.VSphere));
            Assert.Equal(
                $"{mock}/virtrigaud-provider-vsphere or {mock}/virtrigaud-provider-vsphere.dll, {libvirt}/virtrigaud-provider-vsphere or {libvirt}/virtrigaud-provider-vsphere.dll, "
                + $"{shadow}/virtrigaud-provider-vsphere or {shadow}/virtrigaud-provider-vsphere.dll",
                LocalProviderBinaries.Candidates(path, ProviderType.VSphere));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Next_RepeatedQuickExits_DoublesUpToMaximumThenResetsAfterStableRun()
    {
        var backoff = new RestartBackoff(Options);
        var quick = TimeSpan.FromSeconds(3);

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next(quick).TotalSeconds).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], delays);
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next(TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Next(quick));
    }

    [Fact]
    public void Add_LinesWithSecrets_MaskedAndOnlyLastKept()
    {
        const string Key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----";
        var tail = new OutputTail(2, ["s3cr3t-password", "abc", Key]);

        tail.Add("first line");
        tail.Add("login with s3cr3t-password failed");
        tail.Add("key line b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ rejected; abc is short");

        Assert.Equal("login with [REDACTED] failed | key line [REDACTED] rejected; abc is short", tail.Text());
    }

    [Fact]
    public void LoadOrCreate_NewDirectory_PrivateFilesAndCertificatesChainToCa()
    {
        var directory = Path.Combine(Path.GetTempPath(), "virtrigaud-ca-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            string caPem;
            using (var ca = LocalCertificateAuthority.LoadOrCreate(directory, time))
            {
                caPem = ca.CaPem;
                var (serverPem, serverKey) = ca.IssueServer("virtrigaud-provider-ns-p");
                var (clientPem, clientKey) = ca.IssueClient();
                using var server = X509Certificate2.CreateFromPem(serverPem, serverKey);
                using var client = X509Certificate2.CreateFromPem(clientPem, clientKey);
                using var root = X509Certificate2.CreateFromPem(caPem);

                Assert.True(Chains(server, root));
                Assert.True(Chains(client, root));
                Assert.Equal("localhost", server.GetNameInfo(X509NameType.DnsName, false));
                Assert.Contains("127.0.0.1", server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses().Select(a => a.ToString()));
                Assert.Equal(LocalCertificateAuthority.ManagerIdentity, client.GetNameInfo(X509NameType.SimpleName, false));
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "ca.key")));

            // Loaded again, the same CA.
            using var again = LocalCertificateAuthority.LoadOrCreate(directory, new FakeTimeProvider(DateTimeOffset.UtcNow));
            Assert.Equal(caPem, again.CaPem);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static bool Chains(X509Certificate2 leaf, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}

using System.Text;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Controllers.Clones;

namespace VirtRigaud.Controllers.Tests.Clones;

public sealed class CloneCustomizationTests
{
    private static Task<Secret?> Secrets(string name, CancellationToken _) => Task.FromResult(name switch
    {
        "cloud" => new Secret { Metadata = new ObjectMeta { Name = "cloud" }, Data = new Dictionary<string, byte[]> { ["user-data"] = Encoding.UTF8.GetBytes("#cloud-config\npackages: [nginx]\n") } },
        "admin" => new Secret { Metadata = new ObjectMeta { Name = "admin" }, Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("s3cret"), ["join"] = Encoding.UTF8.GetBytes("j0in") } },
        "tls" => new Secret { Metadata = new ObjectMeta { Name = "tls" }, Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.UTF8.GetBytes("-----BEGIN CERTIFICATE-----") } },
        _ => (Secret?)null,
    });

    [Theory]
    [InlineData(24, "255.255.255.0")]
    [InlineData(16, "255.255.0.0")]
    [InlineData(30, "255.255.255.252")]
    [InlineData(32, "255.255.255.255")]
    [InlineData(0, "0.0.0.0")]
    public void SubnetMask_Prefix_DottedMask(int prefix, string mask) => Assert.Equal(mask, CloneCustomization.SubnetMask(prefix));

    [Fact]
    public void Merge_TargetStaticSettings_AddedUnlessCustomizedExplicitly()
    {
        var customization = new VMCustomization { Hostname = "copy", Networks = [new NetworkCustomization { Name = "eth1", IpAddress = "10.0.1.9" }] };
        IReadOnlyList<VMNetworkRef> target =
        [
            new VMNetworkRef { Name = "eth0", IpAddress = "10.0.0.7", Prefix = 24, Gateway = "10.0.0.1", Dns = "10.0.0.2, 10.0.0.3" },
            new VMNetworkRef { Name = "eth1", IpAddress = "10.0.1.50" },
            new VMNetworkRef { Name = "eth2" },
        ];

        var merged = CloneCustomization.Merge(customization, target)!;

        Assert.Equal("copy", merged.Hostname);
        Assert.Equal(["eth1", "eth0"], merged.Networks!.Select(n => n.Name));
        Assert.Equal("10.0.1.9", merged.Networks![0].IpAddress);
        var eth0 = merged.Networks[1];
        Assert.Equal(("10.0.0.7", "255.255.255.0", "10.0.0.1"), (eth0.IpAddress, eth0.SubnetMask, eth0.Gateway));
        Assert.Equal(["10.0.0.2", "10.0.0.3"], eth0.Dns!);
        Assert.Null(eth0.Dhcp);
    }

    [Fact]
    public void Merge_NothingToCustomize_Null() => Assert.Null(CloneCustomization.Merge(null, [new VMNetworkRef { Name = "eth0" }]));

    [Fact]
    public async Task ResolveSecretsAsync_EveryReference_ReplacedByItsValue()
    {
        var customization = new VMCustomization
        {
            UserData = new UserData { CloudInit = new CloudInitConfig { SecretRef = new LocalObjectReference { Name = "cloud" } } },
            Sysprep = new SysprepCustomization
            {
                AdminPassword = new PasswordSpec { SecretRef = new LocalObjectReference { Name = "admin" } },
                JoinDomain = new DomainJoinSpec { Domain = "corp", Username = "svc", Password = new PasswordSpec { SecretRef = new LocalObjectReference { Name = "admin" }, SecretKey = "join" } },
            },
            Certificates = [new CertificateSpec { Name = "ca", SecretRef = new LocalObjectReference { Name = "tls" } }],
        };

        var (resolved, missing) = await CloneCustomization.ResolveSecretsAsync(customization, "ns", Secrets, CancellationToken.None);

        Assert.Null(missing);
        Assert.Equal("#cloud-config\npackages: [nginx]\n", resolved!.UserData!.CloudInit!.Inline);
        Assert.Null(resolved.UserData.CloudInit.SecretRef);
        Assert.Equal("s3cret", resolved.Sysprep!.AdminPassword!.Value);
        Assert.Null(resolved.Sysprep.AdminPassword.SecretRef);
        Assert.Equal("j0in", resolved.Sysprep.JoinDomain!.Password.Value);
        Assert.Equal("-----BEGIN CERTIFICATE-----", resolved.Certificates![0].Data);
        Assert.Null(resolved.Certificates[0].SecretRef);
    }

    [Fact]
    public async Task ResolveSecretsAsync_MissingSecretAndKey_NamedWithoutValues()
    {
        var customization = new VMCustomization
        {
            Sysprep = new SysprepCustomization { AdminPassword = new PasswordSpec { SecretRef = new LocalObjectReference { Name = "admin" }, SecretKey = "nope" } },
            Certificates = [new CertificateSpec { Name = "ca", SecretRef = new LocalObjectReference { Name = "gone" } }],
        };

        var (resolved, missing) = await CloneCustomization.ResolveSecretsAsync(customization, "ns", Secrets, CancellationToken.None);

        Assert.Null(resolved);
        Assert.Contains("Secret ns/admin has no key nope", missing, StringComparison.Ordinal);
        Assert.Contains("Secret ns/gone not found", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", missing, StringComparison.Ordinal);
    }
}

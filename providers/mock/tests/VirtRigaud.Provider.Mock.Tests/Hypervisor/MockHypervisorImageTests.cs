using System.Security.Cryptography;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Mock.DiskImages;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Mock.Tests.Testing;

namespace VirtRigaud.Provider.Mock.Tests.Hypervisor;

public sealed class MockHypervisorImageTests
{
    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    [InlineData("md5")]
    [InlineData("sha1")]
    public async Task PrepareImageAsync_HttpWithChecksum_DownloadsVerifiesAndBootsFromIt(string checksumType)
    {
        await using var h = await HypervisorHarness.StartAsync();
        await using var server = await ImageServer.StartAsync();
        var bytes = await ImageBytesAsync(h, 6);
        var url = server.Serve("/images/ubuntu.qcow2", bytes);
        var digest = checksumType switch
        {
            "sha512" => SHA512.HashData(bytes),
            "md5" => MD5.HashData(bytes),
            "sha1" => SHA1.HashData(bytes),
            _ => SHA256.HashData(bytes),
        };

        var prepared = await h.Hypervisor.PrepareImageAsync(
            new ImagePrepareSpec { TargetName = "ubuntu", Kind = ImageSourceKind.Http, Location = url, Checksum = Convert.ToHexString(digest), ChecksumType = checksumType, Format = "qcow2" },
            CancellationToken.None);
        var vm = h.Hypervisor.Create(new VmCreateSpec { Name = "web", Cpu = 1, MemoryMiB = 512, Image = new ImageReference { Path = prepared.ImagePath } }).VmId;

        Assert.Equal(("ubuntu", Path.Combine(h.Options.DataDirectory, "images", "ubuntu.qcow2")), (prepared.ImageId, prepared.ImagePath));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(prepared.ImagePath));
        Assert.Equal(6, h.Hypervisor.Describe(vm)!.Disks[0].SizeGiB);
        Assert.Equal(prepared.ImagePath, h.Hypervisor.GetDiskInfo(vm, "", "").BackingFile);
    }

    [Fact]
    public async Task PrepareImageAsync_SameNameAgainAndConcurrently_DownloadsOnce()
    {
        await using var h = await HypervisorHarness.StartAsync();
        await using var server = await ImageServer.StartAsync();
        var url = server.Serve("/u.qcow2", await ImageBytesAsync(h, 1));
        var spec = new ImagePrepareSpec { TargetName = "u", Kind = ImageSourceKind.Http, Location = url };

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => h.Hypervisor.PrepareImageAsync(spec, CancellationToken.None))));
        var later = await h.Hypervisor.PrepareImageAsync(spec, CancellationToken.None);

        Assert.Equal(1, server.Requests["/u.qcow2"]);
        Assert.All(results, r => Assert.Equal(later, r));
    }

    [Fact]
    public async Task PrepareImageAsync_ChecksumMismatch_IsFailedPreconditionAndNothingRemains()
    {
        await using var h = await HypervisorHarness.StartAsync();
        await using var server = await ImageServer.StartAsync();
        var url = server.Serve("/u.qcow2", await ImageBytesAsync(h, 1));

        var message = await ProviderAssert.FailsAsync(StatusCode.FailedPrecondition, () => h.Hypervisor.PrepareImageAsync(
            new ImagePrepareSpec { TargetName = "u", Kind = ImageSourceKind.Http, Location = url, Checksum = new string('a', 64) },
            CancellationToken.None));

        Assert.Contains("checksum mismatch", message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(h.Options.DataDirectory, "images")));
    }

    [Theory]
    [InlineData("/missing.qcow2", StatusCode.NotFound)]
    [InlineData("/broken", StatusCode.Unavailable)]
    public async Task PrepareImageAsync_HttpError_MapsToCode(string path, StatusCode code)
    {
        await using var h = await HypervisorHarness.StartAsync();
        await using var server = await ImageServer.StartAsync();

        await ProviderAssert.FailsAsync(code, () => h.Hypervisor.PrepareImageAsync(
            new ImagePrepareSpec { TargetName = "u", Kind = ImageSourceKind.Http, Location = new Uri(server.BaseAddress, path).AbsoluteUri },
            CancellationToken.None));
    }

    [Fact]
    public async Task PrepareImageAsync_Headers_AreSentAndNotInMessages()
    {
        await using var h = await HypervisorHarness.StartAsync();
        await using var server = await ImageServer.StartAsync();
        var url = server.Serve("/private.qcow2", await ImageBytesAsync(h, 1));

        await h.Hypervisor.PrepareImageAsync(
            new ImagePrepareSpec { TargetName = "p", Kind = ImageSourceKind.Http, Location = url + "?token=s3cr3t", Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer s3cr3t" } },
            CancellationToken.None);
        var failure = await ProviderAssert.FailsAsync(StatusCode.NotFound, () => h.Hypervisor.PrepareImageAsync(
            new ImagePrepareSpec { TargetName = "q", Kind = ImageSourceKind.Http, Location = new Uri(server.BaseAddress, "/nope?token=s3cr3t").AbsoluteUri.Replace("http://", "http://user:s3cr3t@", StringComparison.Ordinal) },
            CancellationToken.None));

        Assert.Contains("Bearer s3cr3t", server.Authorizations);
        Assert.DoesNotContain("s3cr3t", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareImageAsync_LocalFileAndFileUrl_AreCopiedIntoTheStore()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var path = Path.Combine(h.Directory, "local.qcow2");
        await File.WriteAllBytesAsync(path, await ImageBytesAsync(h, 2));

        var byPath = await h.Hypervisor.PrepareImageAsync(new ImagePrepareSpec { TargetName = "a", Kind = ImageSourceKind.File, Location = path }, CancellationToken.None);
        var byUrl = await h.Hypervisor.PrepareImageAsync(new ImagePrepareSpec { TargetName = "b", Kind = ImageSourceKind.File, Location = new Uri(path).AbsoluteUri }, CancellationToken.None);

        Assert.True(File.Exists(byPath.ImagePath));
        Assert.True(File.Exists(byUrl.ImagePath));
        await ProviderAssert.FailsAsync(StatusCode.NotFound, () => h.Hypervisor.PrepareImageAsync(new ImagePrepareSpec { TargetName = "c", Kind = ImageSourceKind.File, Location = "/nonexistent/x.qcow2" }, CancellationToken.None));
        await ProviderAssert.FailsAsync(StatusCode.InvalidArgument, () => h.Hypervisor.PrepareImageAsync(new ImagePrepareSpec { TargetName = "d", Kind = ImageSourceKind.File, Location = "relative.qcow2" }, CancellationToken.None));
        await ProviderAssert.FailsAsync(StatusCode.InvalidArgument, () => h.Hypervisor.PrepareImageAsync(new ImagePrepareSpec { TargetName = "e", Kind = ImageSourceKind.File, Location = path, Format = "raw" }, CancellationToken.None));
        await ProviderAssert.FailsAsync(StatusCode.InvalidArgument, () => h.Hypervisor.PrepareImageAsync(new ImagePrepareSpec { TargetName = "f", Kind = ImageSourceKind.File, Location = path, Format = "ova" }, CancellationToken.None));
    }

    [Fact]
    public async Task PrepareImageAsync_Template_RegistersAliasUsableByCreate()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { Templates = ["centos-9"] });

        var prepared = await h.Hypervisor.PrepareImageAsync(new ImagePrepareSpec { TargetName = "centos", Kind = ImageSourceKind.Template, Location = "centos-9" }, CancellationToken.None);
        var again = await h.Hypervisor.PrepareImageAsync(new ImagePrepareSpec { TargetName = "centos", Kind = ImageSourceKind.Template, Location = "centos-9" }, CancellationToken.None);
        var vm = h.Hypervisor.Create(new VmCreateSpec { Name = "c", Cpu = 1, MemoryMiB = 512, Image = new ImageReference { TemplateName = prepared.ImageId } }).VmId;

        Assert.Equal(new ImagePrepared("centos-9", "", null), prepared);
        Assert.Equal(prepared, again);
        Assert.NotNull(h.Hypervisor.Describe(vm));
        await ProviderAssert.FailsAsync(StatusCode.NotFound, () => h.Hypervisor.PrepareImageAsync(new ImagePrepareSpec { TargetName = "x", Kind = ImageSourceKind.Template, Location = "windows" }, CancellationToken.None));
    }

    [Fact]
    public async Task PrepareImageAsync_SwitchedOff_IsUnimplemented()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { Capabilities = new MockCapabilities().Disable(["image-import"]) });

        await ProviderAssert.FailsAsync(StatusCode.Unimplemented, () => h.Hypervisor.PrepareImageAsync(new ImagePrepareSpec { TargetName = "x", Kind = ImageSourceKind.Template, Location = "t" }, CancellationToken.None));
    }

    private static async Task<byte[]> ImageBytesAsync(HypervisorHarness h, int sizeGiB)
    {
        var path = Path.Combine(h.Directory, $"source-{Guid.NewGuid():N}.qcow2");
        await DiskImageFile.WriteAsync(path, DiskImageFormat.Qcow2, new DiskContent { ContentId = "abcabcabcabcabcabcabcabcabcabcab", Generation = 0, VirtualSizeBytes = (long)sizeGiB << 30 }, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        return bytes;
    }
}

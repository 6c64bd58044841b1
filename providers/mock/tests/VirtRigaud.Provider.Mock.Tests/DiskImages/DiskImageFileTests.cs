using System.Text.Json.Nodes;
using VirtRigaud.Provider.Mock.DiskImages;
using VirtRigaud.Provider.Mock.Tests.Testing;

namespace VirtRigaud.Provider.Mock.Tests.DiskImages;

public sealed class DiskImageFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("virtrigaud-mock-image-").FullName;

    private static readonly DiskContent Content = new() { ContentId = "0123456789abcdef0123456789abcdef", Generation = 7, VirtualSizeBytes = 3L << 30 };

    [Fact]
    public async Task WriteAsync_Qcow2_IsAValidImageForQemuImg()
    {
        var path = Path.Combine(_directory, "disk.qcow2");

        var (size, sha) = await DiskImageFile.WriteAsync(path, DiskImageFormat.Qcow2, Content, CancellationToken.None);
        var check = await QemuImg.RunAsync("check", "-f", "qcow2", path);
        var info = await QemuImg.RunAsync("info", "--output=json", "-f", "qcow2", path);

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("No errors were found", check.Output, StringComparison.Ordinal);
        var json = JsonNode.Parse(info.Output)!;
        Assert.Equal(3L << 30, json["virtual-size"]!.GetValue<long>());
        Assert.Equal(6L * 65536, size);
        Assert.Equal(64, sha.Length);
    }

    [Fact]
    public async Task WriteAsync_Qcow2ConvertedToRaw_HoldsTheContentBlock()
    {
        var small = Content with { VirtualSizeBytes = 1L << 20 };
        var qcow = Path.Combine(_directory, "disk.qcow2");
        var raw = Path.Combine(_directory, "converted.raw");
        var (_, _) = await DiskImageFile.WriteAsync(qcow, DiskImageFormat.Qcow2, small, CancellationToken.None);
        var direct = Path.Combine(_directory, "direct.raw");
        var (_, directSha) = await DiskImageFile.WriteAsync(direct, DiskImageFormat.Raw, small, CancellationToken.None);

        var convert = await QemuImg.RunAsync("convert", "-f", "qcow2", "-O", "raw", qcow, raw);

        Assert.True(convert.ExitCode == 0, convert.Output);
        Assert.Equal(directSha, await Checksums.Sha256FileAsync(raw, CancellationToken.None));
        Assert.Equal(small, (await DiskImageFile.InspectAsync(raw, CancellationToken.None)).Content);
    }

    [Fact]
    public async Task WriteAsync_SameContentTwice_GivesTheSameBytes()
    {
        var a = await DiskImageFile.WriteAsync(Path.Combine(_directory, "a.qcow2"), DiskImageFormat.Qcow2, Content, CancellationToken.None);
        var b = await DiskImageFile.WriteAsync(Path.Combine(_directory, "b.qcow2"), DiskImageFormat.Qcow2, Content, CancellationToken.None);
        var c = await DiskImageFile.WriteAsync(Path.Combine(_directory, "c.qcow2"), DiskImageFormat.Qcow2, Content with { Generation = 8 }, CancellationToken.None);

        Assert.Equal(a, b);
        Assert.NotEqual(a.Sha256, c.Sha256);
    }

    [Fact]
    public async Task WriteAsync_Raw_IsSparseAndAsLongAsTheDisk()
    {
        var path = Path.Combine(_directory, "disk.raw");

        var (size, sha) = await DiskImageFile.WriteAsync(path, DiskImageFormat.Raw, Content with { VirtualSizeBytes = 256L << 20 }, CancellationToken.None);
        var du = await RunDuAsync(path);

        Assert.Equal(256L << 20, size);
        Assert.Equal(await Checksums.Sha256FileAsync(path, CancellationToken.None), sha);
        Assert.True(du < 1024 * 1024, $"the raw image takes {du} bytes on disk");
    }

    [Fact]
    public async Task InspectAsync_QemuImgCreatedQcow2_ReadsSizeWithoutContent()
    {
        var path = Path.Combine(_directory, "foreign.qcow2");
        var create = await QemuImg.RunAsync("create", "-f", "qcow2", path, "5G");
        Assert.True(create.ExitCode == 0, create.Output);

        var info = await DiskImageFile.InspectAsync(path, CancellationToken.None);

        Assert.Equal((DiskImageFormat.Qcow2, 5L << 30), (info.Format, info.VirtualSizeBytes));
        Assert.Null(info.Content);
    }

    [Fact]
    public async Task InspectAsync_QemuImgOverlay_ReadsTheBackingFile()
    {
        var basePath = Path.Combine(_directory, "base.qcow2");
        var overlay = Path.Combine(_directory, "overlay.qcow2");
        await DiskImageFile.WriteAsync(basePath, DiskImageFormat.Qcow2, Content, CancellationToken.None);
        var create = await QemuImg.RunAsync("create", "-f", "qcow2", "-F", "qcow2", "-b", basePath, overlay);
        Assert.True(create.ExitCode == 0, create.Output);

        var info = await DiskImageFile.InspectAsync(overlay, CancellationToken.None);

        Assert.Equal(basePath, info.BackingFile);
        Assert.Equal(Content.VirtualSizeBytes, info.VirtualSizeBytes);
    }

    [Fact]
    public async Task InspectAsync_Vmdk_IsRefused()
    {
        var path = Path.Combine(_directory, "disk.vmdk");
        var create = await QemuImg.RunAsync("create", "-f", "vmdk", path, "1G");
        Assert.True(create.ExitCode == 0, create.Output);

        await Assert.ThrowsAsync<InvalidDataException>(() => DiskImageFile.InspectAsync(path, CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("VIRTRIGAUD-MOCK-DISK v1\ncontent-id: x\n")]
    [InlineData("VIRTRIGAUD-MOCK-DISK v1\ncontent-id: x\ngeneration: -1\nvirtual-size: 5\n")]
    [InlineData("VIRTRIGAUD-MOCK-DISK v1\nsecret: y\n")]
    public void TryDecode_NotACompleteBlock_IsNull(string text)
    {
        var block = new byte[DiskContent.BlockSize];
        System.Text.Encoding.ASCII.GetBytes(text, block);

        Assert.Null(DiskContent.TryDecode(block));
    }

    [Fact]
    public void Encode_RoundTrips()
    {
        Assert.Equal(Content, DiskContent.TryDecode(Content.Encode()));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<long> RunDuAsync(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("du", ["--block-size=1", path]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return long.Parse(output.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}

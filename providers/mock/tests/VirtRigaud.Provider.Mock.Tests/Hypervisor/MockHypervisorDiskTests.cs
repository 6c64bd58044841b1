using VirtRigaud.Grpc;
using VirtRigaud.Provider.Mock.DiskImages;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Mock.Tests.Testing;

namespace VirtRigaud.Provider.Mock.Tests.Hypervisor;

public sealed class MockHypervisorDiskTests
{
    [Fact]
    public async Task ExportImport_RoundTrip_KeepsTheChecksum()
    {
        await using var source = await HypervisorHarness.StartAsync();
        await using var target = await HypervisorHarness.StartAsync();
        var vm = source.CreateVm("src", diskSizeGiB: 4).VmId;
        source.Hypervisor.Power(vm, PowerAction.On, TimeSpan.Zero);
        var staged = Path.Combine(source.Directory, "staging", "export.qcow2");

        var exported = await source.Hypervisor.ExportDiskAsync(new DiskExportSpec { VmId = vm, DestinationUrl = new Uri(staged).AbsoluteUri }, CancellationToken.None);
        var imported = await target.Hypervisor.ImportDiskAsync(
            new DiskImportSpec { SourceUrl = new Uri(staged).AbsoluteUri, TargetName = "migrated", VerifyChecksum = true, ExpectedChecksum = exported.Checksum.ToUpperInvariant() },
            CancellationToken.None);
        var copy = target.Hypervisor.Create(new VmCreateSpec { Name = "dst", Cpu = 1, MemoryMiB = 512, Image = new ImageReference { Path = imported.Path } }).VmId;
        var again = await target.Hypervisor.ExportDiskAsync(new DiskExportSpec { VmId = copy, DestinationUrl = new Uri(Path.Combine(target.Directory, "again.qcow2")).AbsoluteUri }, CancellationToken.None);

        Assert.Equal(exported.Checksum, imported.Checksum);
        Assert.Equal(exported.Checksum, await Checksums.Sha256FileAsync(staged, CancellationToken.None));
        Assert.Equal(exported.Checksum, again.Checksum);
        Assert.Equal(4, target.Hypervisor.Describe(copy)!.Disks[0].SizeGiB);
        Assert.Equal(imported.Path, target.Hypervisor.GetDiskInfo(copy, "", "").BackingFile);
        Assert.StartsWith(Path.Combine(target.Options.DataDirectory, "disks"), imported.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportDiskAsync_AfterBoot_ChangesTheBytesAndSnapshotKeepsTheOld()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var vm = h.CreateVm("vm").VmId;
        var before = await ExportAsync(h, vm, "", "before.qcow2");
        h.Hypervisor.CreateSnapshot(vm, "s", false, "");
        h.Hypervisor.Power(vm, PowerAction.On, TimeSpan.Zero);

        var after = await ExportAsync(h, vm, "", "after.qcow2");
        var atSnapshot = await ExportAsync(h, vm, "s", "snap.qcow2");

        Assert.NotEqual(before.Checksum, after.Checksum);
        Assert.Equal(before.Checksum, atSnapshot.Checksum);
    }

    [Fact]
    public async Task ExportDiskAsync_PvcUrl_WritesUnderTheMigrationRoot()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var vm = h.CreateVm("vm").VmId;

        var exported = await h.Hypervisor.ExportDiskAsync(
            new DiskExportSpec { VmId = vm, DestinationUrl = "pvc://staging-pvc/vmmigrations/ns/m1/export.qcow2", BackendType = "pvc", TransferMode = "relay" },
            CancellationToken.None);

        var expected = Path.Combine(h.Options.MigrationStorageRoot, "staging-pvc", "vmmigrations", "ns", "m1", "export.qcow2");
        Assert.Equal(expected, exported.Path);
        Assert.Equal(exported.Checksum, await Checksums.Sha256FileAsync(expected, CancellationToken.None));
        Assert.Equal(exported.ExportId, (await ExportAsync(h, vm, "", "x.qcow2", "pvc://staging-pvc/vmmigrations/ns/m1/export.qcow2")).ExportId);
    }

    [Fact]
    public async Task ExportDiskAsync_Raw_IsAsLongAsTheDisk()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var vm = h.CreateVm("vm", diskSizeGiB: 1).VmId;

        var exported = await h.Hypervisor.ExportDiskAsync(
            new DiskExportSpec { VmId = vm, DestinationUrl = new Uri(Path.Combine(h.Directory, "d.raw")).AbsoluteUri, Format = "raw" },
            CancellationToken.None);

        Assert.Equal(1L << 30, exported.SizeBytes);
        Assert.Equal(1L << 30, new FileInfo(exported.Path).Length);
    }

    public static TheoryData<string, DiskExportSpec, StatusCode> BadExports => new()
    {
        { "vmdk", new DiskExportSpec { VmId = "vm-1", DestinationUrl = "file:///tmp/x", Format = "vmdk" }, StatusCode.InvalidArgument },
        { "s3", new DiskExportSpec { VmId = "vm-1", DestinationUrl = "s3://bucket/key", BackendType = "s3" }, StatusCode.InvalidArgument },
        { "direct", new DiskExportSpec { VmId = "vm-1", DestinationUrl = "file:///tmp/x", TransferMode = "direct" }, StatusCode.InvalidArgument },
        { "http", new DiskExportSpec { VmId = "vm-1", DestinationUrl = "https://example.com/x" }, StatusCode.InvalidArgument },
        { "dot-dot", new DiskExportSpec { VmId = "vm-1", DestinationUrl = "pvc://claim/a/../../etc/passwd" }, StatusCode.InvalidArgument },
        { "compressed", new DiskExportSpec { VmId = "vm-1", DestinationUrl = "file:///tmp/x", Compress = true }, StatusCode.Unimplemented },
        { "missing vm", new DiskExportSpec { VmId = "vm-404", DestinationUrl = "file:///tmp/x" }, StatusCode.NotFound },
        { "missing disk", new DiskExportSpec { VmId = "vm-1", DiskId = "disk-7", DestinationUrl = "file:///tmp/x" }, StatusCode.NotFound },
        { "missing snapshot", new DiskExportSpec { VmId = "vm-1", SnapshotId = "nope", DestinationUrl = "file:///tmp/x" }, StatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadExports))]
    public async Task ExportDiskAsync_BadRequest_IsRefused(string why, DiskExportSpec spec, StatusCode code)
    {
        await using var h = await HypervisorHarness.StartAsync();
        Assert.Equal("vm-1", h.CreateVm("vm").VmId);

        var message = await ProviderAssert.FailsAsync(code, () => h.Hypervisor.ExportDiskAsync(spec, CancellationToken.None));

        Assert.False(string.IsNullOrEmpty(message), why);
    }

    [Fact]
    public async Task ImportDiskAsync_ChecksumMismatch_IsFailedPreconditionAndNothingIsStored()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var file = await WriteImageAsync(h, "in.qcow2");

        var message = await ProviderAssert.FailsAsync(StatusCode.FailedPrecondition, () => h.Hypervisor.ImportDiskAsync(
            new DiskImportSpec { SourceUrl = new Uri(file).AbsoluteUri, TargetName = "d", VerifyChecksum = true, ExpectedChecksum = new string('0', 64) },
            CancellationToken.None));

        Assert.Contains("checksum mismatch", message, StringComparison.Ordinal);
        Assert.False(Directory.EnumerateFiles(Path.Combine(h.Options.DataDirectory, "disks")).Any());
    }

    [Fact]
    public async Task ImportDiskAsync_SameNameTwice_ReturnsTheFirstAndDifferentChecksumIsAlreadyExists()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var file = await WriteImageAsync(h, "in.qcow2");
        var url = new Uri(file).AbsoluteUri;

        var first = await h.Hypervisor.ImportDiskAsync(new DiskImportSpec { SourceUrl = url, TargetName = "d" }, CancellationToken.None);
        var second = await h.Hypervisor.ImportDiskAsync(new DiskImportSpec { SourceUrl = url, TargetName = "d", VerifyChecksum = true, ExpectedChecksum = first.Checksum }, CancellationToken.None);

        Assert.Equal(first, second);
        await ProviderAssert.FailsAsync(StatusCode.AlreadyExists, () => h.Hypervisor.ImportDiskAsync(
            new DiskImportSpec { SourceUrl = url, TargetName = "d", VerifyChecksum = true, ExpectedChecksum = new string('1', 64) },
            CancellationToken.None));
    }

    [Fact]
    public async Task ImportDiskAsync_ConcurrentDuplicates_ImportOnce()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = TimeSpan.FromSeconds(1) });
        var url = new Uri(await WriteImageAsync(h, "in.qcow2")).AbsoluteUri;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => h.Hypervisor.ImportDiskAsync(new DiskImportSpec { SourceUrl = url, TargetName = "d" }, CancellationToken.None))));

        Assert.Single(results.Select(r => r.TaskId).Distinct());
        Assert.NotNull(results[0].TaskId);
    }

    [Theory]
    [InlineData("file:///nonexistent/disk.qcow2", "", StatusCode.NotFound)]
    [InlineData("s3://bucket/key", "", StatusCode.InvalidArgument)]
    [InlineData("IN", "vmdk", StatusCode.InvalidArgument)]
    [InlineData("IN", "raw", StatusCode.InvalidArgument)]
    public async Task ImportDiskAsync_BadSource_IsRefused(string url, string format, StatusCode code)
    {
        await using var h = await HypervisorHarness.StartAsync();
        var file = await WriteImageAsync(h, "in.qcow2");

        await ProviderAssert.FailsAsync(code, () => h.Hypervisor.ImportDiskAsync(
            new DiskImportSpec { SourceUrl = url == "IN" ? new Uri(file).AbsoluteUri : url, TargetName = "d", Format = format },
            CancellationToken.None));
    }

    [Fact]
    public async Task DiskTransfer_SwitchedOff_IsUnimplemented()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { Capabilities = new MockCapabilities().Disable(["disk-export", "disk-import"]) });
        var vm = h.CreateVm("vm").VmId;

        await ProviderAssert.FailsAsync(StatusCode.Unimplemented, () => h.Hypervisor.ExportDiskAsync(new DiskExportSpec { VmId = vm, DestinationUrl = "file:///tmp/x" }, CancellationToken.None));
        await ProviderAssert.FailsAsync(StatusCode.Unimplemented, () => h.Hypervisor.ImportDiskAsync(new DiskImportSpec { SourceUrl = "file:///tmp/x", TargetName = "d" }, CancellationToken.None));
    }

    [Fact]
    public async Task ExportDiskAsync_WithDuration_TaskReportsBytes()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { OperationDurations = new Dictionary<string, TimeSpan> { ["ExportDisk"] = TimeSpan.FromSeconds(10) } });
        var vm = h.CreateVm("vm").VmId;

        var exported = await ExportAsync(h, vm, "", "e.qcow2");
        h.Time.Advance(TimeSpan.FromSeconds(5));
        var half = h.Hypervisor.GetTask(exported.TaskId!);

        Assert.Equal((exported.SizeBytes, exported.SizeBytes / 2, "exporting"), (half.BytesTotal, half.BytesDone, half.Phase));
    }

    private static Task<DiskExported> ExportAsync(HypervisorHarness h, string vm, string snapshot, string file, string? url = null) =>
        h.Hypervisor.ExportDiskAsync(new DiskExportSpec { VmId = vm, SnapshotId = snapshot, DestinationUrl = url ?? new Uri(Path.Combine(h.Directory, file)).AbsoluteUri }, CancellationToken.None);

    private static async Task<string> WriteImageAsync(HypervisorHarness h, string name)
    {
        var path = Path.Combine(h.Directory, name);
        await DiskImageFile.WriteAsync(path, DiskImageFormat.Qcow2, new DiskContent { ContentId = "feedfacefeedfacefeedfacefeedface", Generation = 3, VirtualSizeBytes = 2L << 30 }, CancellationToken.None);
        return path;
    }
}

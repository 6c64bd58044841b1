using VirtRigaud.Provider.Sdk.Capabilities;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Tests.Capabilities;

public sealed class CapabilitiesBuilderTests
{
    [Fact]
    public void Build_Nothing_EverythingOffAndEmpty()
    {
        Assert.Equal(new GetCapabilitiesResponse(), new CapabilitiesBuilder().Build());
    }

    [Fact]
    public void Build_UpstreamLibvirtClaims_EveryField()
    {
        var capabilities = new CapabilitiesBuilder()
            .WithOnlineReconfigure().WithOnlineDiskExpansion()
            .WithSnapshots(memory: true).WithLinkedClones().WithImageImport()
            .WithDiskTypes("qcow2", "raw", "vmdk").WithNetworkTypes("virtio", "e1000", "rtl8139")
            .WithDiskExport([DiskFormats.Qcow2, DiskFormats.Raw], compression: true)
            .WithDiskImport([DiskFormats.Qcow2, DiskFormats.Raw, DiskFormats.Vmdk])
            .WithBackends(StorageBackends.Pvc, StorageBackends.S3, StorageBackends.Nfs)
            .WithTransferModes(TransferModes.Relay)
            .Build();

        var expected = new GetCapabilitiesResponse
        {
            SupportsReconfigureOnline = true,
            SupportsDiskExpansionOnline = true,
            SupportsSnapshots = true,
            SupportsMemorySnapshots = true,
            SupportsLinkedClones = true,
            SupportsImageImport = true,
            SupportsDiskExport = true,
            SupportsDiskImport = true,
            SupportsExportCompression = true,
            SupportedDiskTypes = { "qcow2", "raw", "vmdk" },
            SupportedNetworkTypes = { "virtio", "e1000", "rtl8139" },
            SupportedExportFormats = { "qcow2", "raw" },
            SupportedImportFormats = { "qcow2", "raw", "vmdk" },
            SupportedExportBackends = { "pvc", "s3", "nfs" },
            SupportedImportBackends = { "pvc", "s3", "nfs" },
            SupportedTransferModes = { "relay" },
        };
        Assert.Equal(expected, capabilities);
    }

    [Fact]
    public void Build_RepeatedValues_DeduplicatedInFirstOrder()
    {
        var capabilities = new CapabilitiesBuilder().WithDiskTypes("thin", " thick ", "thin").WithDiskTypes("thick", "eager-zeroed").Build();

        Assert.Equal(["thin", "thick", "eager-zeroed"], capabilities.SupportedDiskTypes);
    }

    [Fact]
    public void WithPvcOnlyBackendsAndRelayOnlyTransfer_ClearToTheWireDefaults()
    {
        var capabilities = new CapabilitiesBuilder()
            .WithDiskExport([DiskFormats.Raw]).WithDiskImport([DiskFormats.Raw])
            .WithBackends(StorageBackends.S3).WithPvcOnlyBackends()
            .WithTransferModes(TransferModes.Direct).WithRelayOnlyTransfer()
            .Build();

        Assert.Empty(capabilities.SupportedExportBackends);
        Assert.Empty(capabilities.SupportedTransferModes);
        Assert.Equal(["pvc"], CapabilitiesBuilder.EffectiveExportBackends(capabilities));
        Assert.Equal(["pvc"], CapabilitiesBuilder.EffectiveImportBackends(capabilities));
        Assert.Equal(["relay"], CapabilitiesBuilder.EffectiveTransferModes(capabilities));
    }

    [Fact]
    public void Effective_ExplicitLists_AsAdvertised()
    {
        var capabilities = new CapabilitiesBuilder().WithDiskExport([DiskFormats.Raw]).WithExportBackends(StorageBackends.S3, StorageBackends.Nfs).WithTransferModes(TransferModes.Auto).Build();

        Assert.Equal(["s3", "nfs"], CapabilitiesBuilder.EffectiveExportBackends(capabilities));
        Assert.Equal(["auto"], CapabilitiesBuilder.EffectiveTransferModes(capabilities));
    }

    [Fact]
    public void Build_Contradictions_ListsEveryProblem()
    {
        var builder = new CapabilitiesBuilder().WithExportBackends("s3").WithDiskImport(["ova"]).WithTransferModes("teleport");

        var e = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("export formats, compression and export backends need disk export", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown format \"ova\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown transfer mode \"teleport\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ExportWithoutFormats_Refused() =>
        Assert.Throws<InvalidOperationException>(new CapabilitiesBuilder().WithDiskExport([]).Build);

    [Fact]
    public void Build_DoesNotMutateTheBuilder()
    {
        var builder = new CapabilitiesBuilder().WithSnapshots();
        var first = builder.Build();
        first.SupportedDiskTypes.Add("changed");

        Assert.Empty(builder.Build().SupportedDiskTypes);
    }
}

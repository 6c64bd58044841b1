using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Contract.Tests;

public sealed class ProviderMethodsTests
{
    [Fact]
    public void UpstreamMethodNames_Always_TheEighteenUpstreamRpcsInProtoOrder()
    {
        string[] upstream =
        [
            "Validate", "Create", "Delete", "Power", "Reconfigure", "HardwareUpgrade", "Describe", "TaskStatus", "SnapshotCreate",
            "SnapshotDelete", "SnapshotRevert", "Clone", "ImagePrepare", "GetCapabilities", "ExportDisk", "ImportDisk", "GetDiskInfo", "ListVMs",
        ];

        Assert.Equal(upstream.Select(n => "/provider.v1.Provider/" + n), ProviderMethods.UpstreamMethodNames);
        Assert.Equal(["/provider.v1.Provider/WatchTask", "/provider.v1.Provider/ConsoleStream"], ProviderMethods.AdditionMethodNames);
        Assert.Equal(20, ProviderMethods.Service.Methods.Count);
        Assert.Equal(ProviderMethods.ServiceName, ProviderMethods.Service.FullName);
    }

    [Fact]
    public void Descriptors_Kinds_UpstreamUnaryAdditionsStreaming()
    {
        Assert.Equal(MethodType.ServerStreaming, ProviderMethods.WatchTask.Type);
        Assert.Equal(MethodType.DuplexStreaming, ProviderMethods.ConsoleStream.Type);
        Assert.All(
            ProviderMethods.Service.Methods.Where(m => m.Name is not ("WatchTask" or "ConsoleStream")),
            m => Assert.False(m.IsClientStreaming || m.IsServerStreaming, m.Name));
        Assert.Equal("/provider.v1.Provider/ImagePrepare", ProviderMethods.ImagePrepare.FullName);
        Assert.Equal("/provider.v1.Provider/ListVMs", ProviderMethods.ListVMs.FullName);
    }
}

using Google.Protobuf;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract.Tests.Testing;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Contract.Tests;

public sealed class ProviderServiceBaseTests
{
    public static TheoryData<string> UnaryRpcs => [.. ProviderMethods.Service.Methods.Where(m => !m.IsClientStreaming && !m.IsServerStreaming).Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(UnaryRpcs))]
    public async Task UnaryRpc_NotOverridden_UnimplementedNamingTheRpc(string rpc)
    {
        await using var server = await ProviderTestServer.StartAsync(new BareProvider());
        var invoker = server.Channel.CreateCallInvoker();
        var method = ProviderMethods.Service.FindMethodByName(rpc);
        var request = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;

        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(invoker, method.Name, request));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal($"{rpc} is not implemented by this provider", error.Status.Detail);
    }

    [Fact]
    public async Task WatchTask_NotOverridden_Unimplemented()
    {
        await using var server = await ProviderTestServer.StartAsync(new BareProvider());
        using var call = server.Channel.CreateCallInvoker()
            .AsyncServerStreamingCall(ProviderMethods.WatchTask, new WatchTaskRequest { Task = new TaskRef { Id = "t" } });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal("WatchTask is not implemented by this provider", error.Status.Detail);
    }

    [Fact]
    public void CreateDefinition_Always_RoutesAllTwentyRpcs()
    {
        var definition = new BareProvider().CreateDefinition();

        Assert.Equal("provider.v1.Provider", definition.ServiceName);
        Assert.Equal(
            ProviderMethods.UpstreamMethodNames.Concat(ProviderMethods.AdditionMethodNames).Order(StringComparer.Ordinal),
            definition.ImplementedMethods.Order(StringComparer.Ordinal));
    }

    // Dispatches by name with the generated types, so the test covers every unary RPC without 18 copies.
    private static Task CallAsync(CallInvoker invoker, string rpc, IMessage request) => rpc switch
    {
        "Validate" => Unary(invoker, ProviderMethods.Validate, (ValidateRequest)request),
        "Create" => Unary(invoker, ProviderMethods.Create, (CreateRequest)request),
        "Delete" => Unary(invoker, ProviderMethods.Delete, (DeleteRequest)request),
        "Power" => Unary(invoker, ProviderMethods.Power, (PowerRequest)request),
        "Reconfigure" => Unary(invoker, ProviderMethods.Reconfigure, (ReconfigureRequest)request),
        "HardwareUpgrade" => Unary(invoker, ProviderMethods.HardwareUpgrade, (HardwareUpgradeRequest)request),
        "Describe" => Unary(invoker, ProviderMethods.Describe, (DescribeRequest)request),
        "TaskStatus" => Unary(invoker, ProviderMethods.TaskStatus, (TaskStatusRequest)request),
        "SnapshotCreate" => Unary(invoker, ProviderMethods.SnapshotCreate, (SnapshotCreateRequest)request),
        "SnapshotDelete" => Unary(invoker, ProviderMethods.SnapshotDelete, (SnapshotDeleteRequest)request),
        "SnapshotRevert" => Unary(invoker, ProviderMethods.SnapshotRevert, (SnapshotRevertRequest)request),
        "Clone" => Unary(invoker, ProviderMethods.Clone, (CloneRequest)request),
        "ImagePrepare" => Unary(invoker, ProviderMethods.ImagePrepare, (ImagePrepareRequest)request),
        "GetCapabilities" => Unary(invoker, ProviderMethods.GetCapabilities, (GetCapabilitiesRequest)request),
        "ExportDisk" => Unary(invoker, ProviderMethods.ExportDisk, (ExportDiskRequest)request),
        "ImportDisk" => Unary(invoker, ProviderMethods.ImportDisk, (ImportDiskRequest)request),
        "GetDiskInfo" => Unary(invoker, ProviderMethods.GetDiskInfo, (GetDiskInfoRequest)request),
        "ListVMs" => Unary(invoker, ProviderMethods.ListVMs, (ListVMsRequest)request),
        _ => throw new ArgumentOutOfRangeException(nameof(rpc), rpc, null),
    };

    private static async Task Unary<TRequest, TResponse>(CallInvoker invoker, Method<TRequest, TResponse> method, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        using var call = invoker.AsyncUnaryCall(method, request);
        await call.ResponseAsync;
    }

    private sealed class BareProvider : ProviderServiceBase;
}

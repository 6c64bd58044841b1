using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract.Tests.Testing;
using VirtRigaud.Provider.V1;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Provider.Contract.Tests.Client;

public sealed class ProviderClientTests
{
    // The server sees the deadline as its receive time plus grpc-timeout; allow for a loaded machine in between.
    private static readonly TimeSpan DeadlineSlack = TimeSpan.FromSeconds(10);

    /// <summary>Every RPC: the call and the upstream default deadline the client attaches to it.</summary>
    public static TheoryData<string, TimeSpan> UpstreamDeadlines => new()
    {
        { "Validate", TimeSpan.FromSeconds(30) },
        { "Create", TimeSpan.FromMinutes(5) },
        { "Delete", TimeSpan.FromMinutes(2) },
        { "Power", TimeSpan.FromMinutes(2) },
        { "Reconfigure", TimeSpan.FromMinutes(5) },
        { "HardwareUpgrade", TimeSpan.FromMinutes(5) },
        { "Describe", TimeSpan.FromSeconds(30) },
        { "TaskStatus", TimeSpan.FromSeconds(10) },
        { "SnapshotCreate", TimeSpan.FromMinutes(5) },
        { "SnapshotDelete", TimeSpan.FromMinutes(2) },
        { "SnapshotRevert", TimeSpan.FromMinutes(5) },
        { "Clone", TimeSpan.FromMinutes(5) },
        { "ImagePrepare", TimeSpan.FromMinutes(5) },
        { "GetCapabilities", TimeSpan.FromSeconds(30) },
        { "ExportDisk", TimeSpan.FromMinutes(30) },
        { "ImportDisk", TimeSpan.FromMinutes(30) },
        { "GetDiskInfo", TimeSpan.FromMinutes(2) },
        { "ListVMs", TimeSpan.FromMinutes(2) },
        { "WatchTask", TimeSpan.FromHours(1) },
        { "ConsoleStream", TimeSpan.FromHours(8) },
    };

    [Theory]
    [MemberData(nameof(UpstreamDeadlines))]
    public async Task Call_EveryRpc_RoutesToItsHandlerWithTheUpstreamDeadline(string rpc, TimeSpan expected)
    {
        var provider = new RecordingProvider();
        await using var server = await ProviderTestServer.StartAsync(provider);
        var client = server.CreateClient();

        var before = DateTimeOffset.UtcNow;
        var answer = await CallAsync(client, rpc);

        var (_, deadline, _) = provider.Single(rpc);
        Assert.NotNull(deadline);
        Assert.InRange(deadline.Value - before, expected - DeadlineSlack, expected + DeadlineSlack);
        Assert.Equal(ExpectedAnswer(rpc), answer);
    }

    [Fact]
    public void Deadlines_Default_CoverEveryRpcOfTheService()
    {
        var names = ProviderCallDeadlines.Default.ToDictionary().Keys.Order(StringComparer.Ordinal);

        Assert.Equal(ProviderMethods.Service.Methods.Select(m => m.Name).Order(StringComparer.Ordinal), names);
        Assert.Equal(ProviderMethods.Service.Methods.Count, UpstreamDeadlines.Count);
    }

    [Fact]
    public async Task Call_TimeoutOverride_SendsTheOverride()
    {
        var provider = new RecordingProvider();
        await using var server = await ProviderTestServer.StartAsync(provider);
        var client = server.CreateClient();

        var before = DateTimeOffset.UtcNow;
        await client.CreateAsync(new CreateRequest { Name = "vm" }, new ProviderCallOptions { Timeout = TimeSpan.FromMinutes(42) });

        var (_, deadline, _) = provider.Single("Create");
        Assert.InRange(deadline!.Value - before, TimeSpan.FromMinutes(42) - DeadlineSlack, TimeSpan.FromMinutes(42) + DeadlineSlack);
    }

    [Fact]
    public async Task Call_ClientWideDeadlines_ReplaceTheDefaults()
    {
        var provider = new RecordingProvider();
        await using var server = await ProviderTestServer.StartAsync(provider);
        var client = server.CreateClient(new ProviderClientOptions { Deadlines = new ProviderCallDeadlines { Describe = TimeSpan.FromMinutes(7) } });

        var before = DateTimeOffset.UtcNow;
        await client.DescribeAsync(new DescribeRequest { Id = "vm" });

        var (_, deadline, _) = provider.Single("Describe");
        Assert.InRange(deadline!.Value - before, TimeSpan.FromMinutes(7) - DeadlineSlack, TimeSpan.FromMinutes(7) + DeadlineSlack);
    }

    [Fact]
    public async Task Call_HeadersGiven_ReachTheServer()
    {
        string? seen = null;
        await using var server = await ProviderTestServer.StartAsync(new HeaderProvider(value => seen = value));
        var client = server.CreateClient();

        await client.ValidateAsync(new ProviderCallOptions { Headers = new Metadata().Add("x-correlation-id", "abc") });

        Assert.Equal("abc", seen);
    }

    [Fact]
    public async Task Validate_ProviderStartsAfterTheCall_WaitsForReady()
    {
        var port = FreePorts.Take(1)[0];
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new ProviderClient(channel);

        var call = client.ValidateAsync();
        await Task.Yield();
        Assert.False(call.IsCompleted);
        await using var server = await ProviderTestServer.StartAsync(new RecordingProvider(), port);

        var response = await call.WaitAsync(ProviderTestServer.Patience);
        Assert.True(response.Ok);
    }

    [Fact]
    public async Task Validate_WaitForReadyOffAndNoProvider_FailsUnavailable()
    {
        var port = FreePorts.Take(1)[0];
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new ProviderClient(channel, new ProviderClientOptions { WaitForReady = false });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ValidateAsync().WaitAsync(ProviderTestServer.Patience));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(ProviderErrorKind.Retryable, ProviderRpcErrors.Classify(error));
    }

    [Theory]
    [InlineData("done", true)]
    [InlineData("running", false)]
    public async Task IsTaskComplete_TaskStatus_ReturnsDone(string task, bool expected)
    {
        await using var server = await ProviderTestServer.StartAsync(new RecordingProvider());
        var client = server.CreateClient();

        Assert.Equal(expected, await client.IsTaskCompleteAsync(new TaskRef { Id = task }));
    }

    [Fact]
    public async Task IsTaskComplete_TaskFailed_ThrowsWithUpstreamMessage()
    {
        await using var server = await ProviderTestServer.StartAsync(new RecordingProvider());
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<ProviderTaskFailedException>(() => client.IsTaskCompleteAsync(new TaskRef { Id = "failed" }));

        Assert.Equal("task failed: disk full", error.Message);
        Assert.Equal("failed", error.TaskId);
        Assert.Equal("disk full", error.TaskError);
    }

    [Fact]
    public async Task IsTaskComplete_UnknownTask_ThrowsNotFound()
    {
        await using var server = await ProviderTestServer.StartAsync(new RecordingProvider());
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.IsTaskCompleteAsync(new TaskRef { Id = "unknown" }));

        Assert.True(ProviderRpcErrors.IsNotFound(error));
    }

    [Fact]
    public async Task IsTaskComplete_EmptyTask_TrueWithoutACall()
    {
        var provider = new RecordingProvider();
        await using var server = await ProviderTestServer.StartAsync(provider);
        var client = server.CreateClient();

        Assert.True(await client.IsTaskCompleteAsync(new TaskRef()));
        Assert.True(await client.IsTaskCompleteAsync(null));
        Assert.Empty(provider.Calls);
    }

    [Fact]
    public void Constructor_NonPositiveDeadline_Throws()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
        var options = new ProviderClientOptions { Deadlines = new ProviderCallDeadlines { Clone = TimeSpan.Zero } };

        var error = Assert.Throws<ArgumentException>(() => new ProviderClient(channel, options));

        Assert.Contains("Clone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NonPositivePollInterval_Throws()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");

        Assert.Throws<ArgumentException>(() => new ProviderClient(channel, new ProviderClientOptions { TaskPollInterval = TimeSpan.Zero }));
    }

    private static async Task<string> CallAsync(ProviderClient client, string rpc) => rpc switch
    {
        "Validate" => (await client.ValidateAsync()).Message,
        "Create" => (await client.CreateAsync(new CreateRequest { Name = "web" })).Id,
        "Delete" => (await client.DeleteAsync(new DeleteRequest { Id = "vm-1" })).Task.Id,
        "Power" => (await client.PowerAsync(new PowerRequest { Id = "vm-1", Op = PowerOp.ShutdownGraceful, GracefulTimeoutSeconds = 60 })).Task.Id,
        "Reconfigure" => (await client.ReconfigureAsync(new ReconfigureRequest { Id = "vm-1", DesiredJson = "{}" })).Task.Id,
        "HardwareUpgrade" => (await client.HardwareUpgradeAsync(new HardwareUpgradeRequest { Id = "vm-1", TargetVersion = 21 })).Task.Id,
        "Describe" => (await client.DescribeAsync(new DescribeRequest { Id = "vm-1" })).ConsoleUrl,
        "TaskStatus" => (await client.TaskStatusAsync(new TaskStatusRequest { Task = new TaskRef { Id = "failed" } })).Error,
        "SnapshotCreate" => (await client.SnapshotCreateAsync(new SnapshotCreateRequest { VmId = "vm-1", NameHint = "s1" })).SnapshotId,
        "SnapshotDelete" => (await client.SnapshotDeleteAsync(new SnapshotDeleteRequest { VmId = "vm-1", SnapshotId = "s1" })).Task.Id,
        "SnapshotRevert" => (await client.SnapshotRevertAsync(new SnapshotRevertRequest { VmId = "vm-1", SnapshotId = "s1" })).Task.Id,
        "Clone" => (await client.CloneAsync(new CloneRequest { SourceVmId = "vm-1", TargetName = "copy" })).TargetVmId,
        "ImagePrepare" => (await client.ImagePrepareAsync(new ImagePrepareRequest { TargetName = "ubuntu" })).PreparedImageId,
        "GetCapabilities" => string.Join(",", (await client.GetCapabilitiesAsync()).SupportedDiskTypes),
        "ExportDisk" => (await client.ExportDiskAsync(new ExportDiskRequest { VmId = "vm-1" })).ExportId,
        "ImportDisk" => (await client.ImportDiskAsync(new ImportDiskRequest { TargetName = "d1" })).DiskId,
        "GetDiskInfo" => (await client.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = "vm-1" })).DiskId,
        "ListVMs" => (await client.ListVMsAsync()).Vms.Single().Name,
        "WatchTask" => string.Join(",", await client.WatchTaskAsync(new TaskRef { Id = "t" }).Select(p => p.Percentage).ToListAsync()),
        "ConsoleStream" => await OpenConsoleAsync(client),
        _ => throw new ArgumentOutOfRangeException(nameof(rpc), rpc, null),
    };

    private static async Task<string> OpenConsoleAsync(ProviderClient client)
    {
        var result = await client.OpenConsoleAsync("vm-1");
        await using var session = result.Session!;
        await session.CompleteAsync();
        await foreach (var _ in session.ReadOutputAsync())
        {
        }

        return session.CloseReason!.Value.ToString();
    }

    private static string ExpectedAnswer(string rpc) => rpc switch
    {
        "Validate" => "ready",
        "Create" => "id-web",
        "Delete" => "delete-vm-1",
        "Power" => "power-vm-1-ShutdownGraceful",
        "Reconfigure" => "reconfigure-vm-1",
        "HardwareUpgrade" => "upgrade-vm-1-21",
        "Describe" => "vnc://h:5900",
        "TaskStatus" => "disk full",
        "SnapshotCreate" => "vm-1/s1",
        "SnapshotDelete" => "snapdel-s1",
        "SnapshotRevert" => "revert-s1",
        "Clone" => "vm-1->copy",
        "ImagePrepare" => "img-ubuntu",
        "GetCapabilities" => "qcow2",
        "ExportDisk" => "export-vm-1",
        "ImportDisk" => "disk-d1",
        "GetDiskInfo" => "info-vm-1",
        "ListVMs" => "one",
        "WatchTask" => "0,50,100",
        "ConsoleStream" => "ClientClosed",
        _ => throw new ArgumentOutOfRangeException(nameof(rpc), rpc, null),
    };

    private sealed class HeaderProvider(Action<string?> seen) : ProviderServiceBase
    {
        public override Task<ValidateResponse> ValidateAsync(ValidateRequest request, ServerCallContext context)
        {
            seen(context.RequestHeaders.GetValue("x-correlation-id"));
            return Task.FromResult(new ValidateResponse { Ok = true });
        }
    }
}

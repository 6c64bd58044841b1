using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Mock.DiskImages;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.Tests.Testing;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Mock.Tests.Service;

public sealed class MockProviderServiceTests
{
    private static readonly string ClassJson = ProviderPayloads.SerializeClass(new ClassPayload
    {
        Cpu = 2,
        MemoryMiB = 2048,
        Firmware = "UEFI",
        DiskDefaults = new DiskDefaultsPayload { Type = "qcow2", SizeGiB = 20 },
        GuestToolsPolicy = "install",
    });

    [Fact]
    public async Task Create_UpstreamPayloads_DescribeAndListReportTheVm()
    {
        await using var mock = await InProcessMock.StartAsync();
        var request = new CreateRequest
        {
            Name = "web-1",
            ClassJson = ClassJson,
            NetworksJson = ProviderPayloads.SerializeNetworks([new NetworkAttachmentPayload { Name = "lan", NetworkName = "vm-network", Model = "virtio" }]),
            DisksJson = ProviderPayloads.SerializeDisks([new DiskPayload { Name = "data", SizeGiB = 5, Type = "raw" }]),
            PlacementJson = ProviderPayloads.SerializePlacement(new PlacementPayload { Datastore = "ds1", Cluster = "c1" }),
            UserData = ByteString.CopyFromUtf8("#cloud-config\npassword: hunter2\n"),
        };
        request.Tags.Add("env=test");

        var created = await mock.Client.CreateAsync(request);
        var again = await mock.Client.CreateAsync(request);
        await mock.Client.PowerAsync(new PowerRequest { Id = created.Id, Op = PowerOp.On });
        var described = await mock.Client.DescribeAsync(new DescribeRequest { Id = created.Id });
        var listed = Assert.Single((await mock.Client.ListVMsAsync()).Vms);

        Assert.Equal(created.Id, again.Id);
        Assert.Null(created.Task);
        Assert.True(described.Exists);
        Assert.Equal("On", described.PowerState);
        Assert.StartsWith("vnc://127.0.0.1:", described.ConsoleUrl, StringComparison.Ordinal);
        var raw = JsonNode.Parse(described.ProviderRawJson)!.AsObject();
        Assert.Equal(("UEFI", "ds1", "c1", "env=test"), (raw["firmware"]!.GetValue<string>(), raw["datastore"]!.GetValue<string>(), raw["cluster"]!.GetValue<string>(), raw["tags"]!.GetValue<string>()));
        Assert.All(raw, p => Assert.Equal(System.Text.Json.JsonValueKind.String, p.Value!.GetValueKind()));
        Assert.Equal(("web-1", 2, 2048L), (listed.Name, listed.Cpu, listed.MemoryMib));
        Assert.Equal([("disk-0", 20, "qcow2"), ("disk-1", 5, "raw")], listed.Disks.Select(d => (d.Id, d.SizeGib, d.Format)));
        Assert.Equal(described.Ips, listed.Ips);
        Assert.Equal("lan", Assert.Single(listed.Networks).Name);
        Assert.DoesNotContain("hunter2", mock.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", described.ProviderRawJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_HandWrittenMinimalPayloads_AreAccepted()
    {
        await using var mock = await InProcessMock.StartAsync();

        var created = await mock.Client.CreateAsync(new CreateRequest
        {
            Name = "minimal",
            ClassJson = """{"CPU": 1, "MemoryMiB": 256}""",
            ImageJson = "{}",
            NetworksJson = """[{"Name": "n"}]""",
            DisksJson = """[{"SizeGiB": 1}]""",
        });
        await mock.Client.ReconfigureAsync(new ReconfigureRequest { Id = created.Id, DesiredJson = """{"Class": {"CPU": 2}}""" });
        var vm = Assert.Single((await mock.Client.ListVMsAsync()).Vms);

        Assert.Equal((2, 256L, 2), (vm.Cpu, vm.MemoryMib, vm.Disks.Count));
        Assert.Equal("n", Assert.Single(vm.Networks).Name);
    }

    [Fact]
    public async Task Describe_MissingVm_IsExistsFalse()
    {
        await using var mock = await InProcessMock.StartAsync();

        var described = await mock.Client.DescribeAsync(new DescribeRequest { Id = "vm-404" });

        Assert.False(described.Exists);
        Assert.Equal("", described.PowerState);
    }

    [Theory]
    [InlineData("", "class_json")]
    [InlineData("{\"CPU\": \"two\"}", "class_json")]
    public async Task Create_BadClassJson_IsInvalidArgument(string classJson, string field)
    {
        await using var mock = await InProcessMock.StartAsync();

        var detail = await ProviderAssert.RpcFailsAsync(StatusCode.InvalidArgument, () => mock.Client.CreateAsync(new CreateRequest { Name = "x", ClassJson = classJson }));

        Assert.Contains(field, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Power_Unspecified_IsInvalidArgumentAndMissingVmNotFound()
    {
        await using var mock = await InProcessMock.StartAsync();
        var id = (await mock.Client.CreateAsync(new CreateRequest { Name = "x", ClassJson = ClassJson })).Id;

        await ProviderAssert.RpcFailsAsync(StatusCode.InvalidArgument, () => mock.Client.PowerAsync(new PowerRequest { Id = id }));
        await ProviderAssert.RpcFailsAsync(StatusCode.NotFound, () => mock.Client.PowerAsync(new PowerRequest { Id = "vm-404", Op = PowerOp.On }));
        await ProviderAssert.RpcFailsAsync(StatusCode.NotFound, () => mock.Client.TaskStatusAsync(new TaskStatusRequest { Task = new TaskRef { Id = "task-404" } }));
        await ProviderAssert.RpcFailsAsync(StatusCode.InvalidArgument, () => mock.Client.TaskStatusAsync(new TaskStatusRequest()));
    }

    [Fact]
    public async Task Reconfigure_DesiredJson_ChangesSizing()
    {
        await using var mock = await InProcessMock.StartAsync();
        var id = (await mock.Client.CreateAsync(new CreateRequest { Name = "x", ClassJson = ClassJson })).Id;
        var desired = ProviderPayloads.SerializeReconfigureDesired(new ReconfigureDesiredPayload
        {
            Name = "x",
            Class = new ClassPayload { Cpu = 4, MemoryMiB = 8192, DiskDefaults = new DiskDefaultsPayload { SizeGiB = 40 } },
            Disks = [new DiskPayload { Name = "logs", SizeGiB = 2 }],
        });

        await mock.Client.ReconfigureAsync(new ReconfigureRequest { Id = id, DesiredJson = desired });
        var vm = Assert.Single((await mock.Client.ListVMsAsync()).Vms);

        Assert.Equal((4, 8192L), (vm.Cpu, vm.MemoryMib));
        Assert.Equal([40, 2], vm.Disks.Select(d => d.SizeGib));
        await ProviderAssert.RpcFailsAsync(StatusCode.InvalidArgument, () => mock.Client.ReconfigureAsync(new ReconfigureRequest { Id = id, DesiredJson = "[" }));
    }

    [Fact]
    public async Task Clone_CrdPayloads_AppliesClassPlacementAndCustomization()
    {
        await using var mock = await InProcessMock.StartAsync();
        var source = (await mock.Client.CreateAsync(new CreateRequest
        {
            Name = "golden",
            ClassJson = ClassJson,
            NetworksJson = ProviderPayloads.SerializeNetworks([new NetworkAttachmentPayload { Name = "lan" }]),
        })).Id;

        var clone = await mock.Client.CloneAsync(new CloneRequest
        {
            SourceVmId = source,
            TargetName = "golden-clone",
            Linked = true,
            ClassJson = """{"cpu":4,"memory":"4Gi"}""",
            PlacementJson = ProviderPayloads.SerializeClonePlacement("rack-a"),
            CustomizeJson = """{"hostname":"clone-1","networks":[{"name":"lan","ipAddress":"10.9.9.9"}],"tags":["cloned"]}""",
        });
        await mock.Client.PowerAsync(new PowerRequest { Id = clone.TargetVmId, Op = PowerOp.On });
        var described = await mock.Client.DescribeAsync(new DescribeRequest { Id = clone.TargetVmId });
        var raw = JsonNode.Parse(described.ProviderRawJson)!;

        Assert.Equal(["10.9.9.9"], described.Ips);
        Assert.Equal(("4", "4096", "clone-1", "rack-a", source, "cloned"), (
            raw["cpu"]!.GetValue<string>(), raw["memoryMiB"]!.GetValue<string>(), raw["hostname"]!.GetValue<string>(),
            raw["placementPolicy"]!.GetValue<string>(), raw["linkedCloneOf"]!.GetValue<string>(), raw["tags"]!.GetValue<string>()));
        await ProviderAssert.RpcFailsAsync(StatusCode.FailedPrecondition, () => mock.Client.DeleteAsync(new DeleteRequest { Id = source }));
        await ProviderAssert.RpcFailsAsync(StatusCode.InvalidArgument, () => mock.Client.CloneAsync(new CloneRequest { SourceVmId = source, TargetName = "y", CustomizeJson = "{" }));
    }

    [Fact]
    public async Task SnapshotsAndDiskInfo_OverTheWire()
    {
        await using var mock = await InProcessMock.StartAsync();
        var id = (await mock.Client.CreateAsync(new CreateRequest { Name = "x", ClassJson = ClassJson })).Id;

        var snapshot = await mock.Client.SnapshotCreateAsync(new SnapshotCreateRequest { VmId = id, NameHint = "nightly", Description = "d" });
        var info = await mock.Client.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = id });
        await mock.Client.SnapshotRevertAsync(new SnapshotRevertRequest { VmId = id, SnapshotId = snapshot.SnapshotId });
        await mock.Client.SnapshotDeleteAsync(new SnapshotDeleteRequest { VmId = id, SnapshotId = snapshot.SnapshotId });
        await mock.Client.SnapshotDeleteAsync(new SnapshotDeleteRequest { VmId = id, SnapshotId = snapshot.SnapshotId });

        Assert.Equal("nightly", snapshot.SnapshotId);
        Assert.Equal(("disk-0", "qcow2", 20L << 30, true), (info.DiskId, info.Format, info.VirtualSizeBytes, info.IsBootable));
        Assert.Equal(["nightly"], info.Snapshots);
        Assert.True(info.Metadata.ContainsKey("contentId"));
        Assert.Empty((await mock.Client.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = id })).Snapshots);
    }

    [Fact]
    public async Task ImagePrepare_CrdImageJson_PreparesAndCreateBootsFromIt()
    {
        await using var mock = await InProcessMock.StartAsync();
        var file = Path.Combine(mock.Directory, "cirros.qcow2");
        var (_, sha) = await DiskImageFile.WriteAsync(file, DiskImageFormat.Qcow2, new DiskContent { ContentId = "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", Generation = 0, VirtualSizeBytes = 3L << 30 }, CancellationToken.None);

        var prepared = await mock.Client.ImagePrepareAsync(new ImagePrepareRequest
        {
            TargetName = "cirros",
            ImageJson = "{\"source\":{\"libvirt\":{\"path\":\"" + file + "\",\"format\":\"qcow2\",\"checksum\":\"" + sha + "\"}}}",
        });
        var created = await mock.Client.CreateAsync(new CreateRequest
        {
            Name = "from-image",
            ClassJson = ProviderPayloads.SerializeClass(new ClassPayload { Cpu = 1, MemoryMiB = 512 }),
            ImageJson = ProviderPayloads.SerializeImage(new ImagePayload { Path = prepared.PreparedImagePath, Format = "qcow2" }),
        });
        var info = await mock.Client.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = created.Id });

        Assert.Equal(("cirros", Path.Combine(mock.Directory, "data", "images", "cirros.qcow2")), (prepared.PreparedImageId, prepared.PreparedImagePath));
        Assert.Equal((prepared.PreparedImagePath, 3L << 30), (info.BackingFile, info.VirtualSizeBytes));
        await ProviderAssert.RpcFailsAsync(StatusCode.InvalidArgument, () => mock.Client.ImagePrepareAsync(new ImagePrepareRequest { TargetName = "r", ImageJson = """{"source":{"registry":{"image":"quay.io/x:1"}}}""" }));
        await ProviderAssert.RpcFailsAsync(StatusCode.FailedPrecondition, () => mock.Client.CreateAsync(new CreateRequest
        {
            Name = "unprepared",
            ClassJson = ClassJson,
            ImageJson = ProviderPayloads.SerializeImage(new ImagePayload { Url = "https://example.com/x.qcow2" }),
        }));
    }

    [Fact]
    public async Task ImagePrepare_HttpWithCredentials_NeverLogsThem()
    {
        await using var mock = await InProcessMock.StartAsync();
        await using var server = await ImageServer.StartAsync();
        var file = Path.Combine(mock.Directory, "private.qcow2");
        await DiskImageFile.WriteAsync(file, DiskImageFormat.Qcow2, new DiskContent { ContentId = "d00dd00dd00dd00dd00dd00dd00dd00d", Generation = 0, VirtualSizeBytes = 1L << 30 }, CancellationToken.None);
        var url = server.Serve("/private.qcow2", await File.ReadAllBytesAsync(file)) + "?sig=tok3n-in-query";

        var prepared = await mock.Client.ImagePrepareAsync(new ImagePrepareRequest
        {
            TargetName = "private",
            ImageJson = "{\"source\":{\"http\":{\"url\":\"" + url + "\",\"headers\":{\"Authorization\":\"Bearer tok3n-in-header\"}}}}",
        });
        await ProviderAssert.RpcFailsAsync(StatusCode.NotFound, () => mock.Client.ImagePrepareAsync(new ImagePrepareRequest
        {
            TargetName = "gone",
            ImageJson = "{\"source\":{\"http\":{\"url\":\"" + new Uri(server.BaseAddress, "/gone.qcow2?sig=tok3n-in-query") + "\"}}}",
        }));

        Assert.Equal("private", prepared.PreparedImageId);
        Assert.Contains("Bearer tok3n-in-header", server.Authorizations);
        Assert.Contains("/private.qcow2", mock.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("tok3n", mock.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportImport_OverTheWire_RoundTripsTheChecksum()
    {
        await using var mock = await InProcessMock.StartAsync();
        var id = (await mock.Client.CreateAsync(new CreateRequest { Name = "x", ClassJson = ClassJson })).Id;

        var exported = await mock.Client.ExportDiskAsync(new ExportDiskRequest { VmId = id, DestinationUrl = "pvc://claim/m/export.qcow2", Format = "qcow2", BackendType = "pvc" });
        var imported = await mock.Client.ImportDiskAsync(new ImportDiskRequest
        {
            SourceUrl = "pvc://claim/m/export.qcow2",
            TargetName = "x-imported",
            Format = "qcow2",
            VerifyChecksum = true,
            ExpectedChecksum = exported.Checksum,
        });

        Assert.Equal(exported.Checksum, imported.Checksum);
        Assert.Equal(exported.EstimatedSizeBytes, imported.ActualSizeBytes);
        Assert.StartsWith($"export-{id}-", exported.ExportId, StringComparison.Ordinal);
        Assert.True(File.Exists(imported.Path));
    }

    [Fact]
    public async Task GetCapabilities_Default_AdvertisesWhatTheMockDoes()
    {
        await using var mock = await InProcessMock.StartAsync();

        var capabilities = await mock.Client.GetCapabilitiesAsync();

        Assert.True(capabilities.SupportsSnapshots && capabilities.SupportsMemorySnapshots && capabilities.SupportsLinkedClones);
        Assert.True(capabilities.SupportsReconfigureOnline && capabilities.SupportsDiskExpansionOnline && capabilities.SupportsImageImport);
        Assert.True(capabilities.SupportsDiskExport && capabilities.SupportsDiskImport && !capabilities.SupportsExportCompression);
        Assert.Equal(["qcow2", "raw"], capabilities.SupportedExportFormats);
        Assert.Equal(["pvc"], capabilities.SupportedExportBackends);
        Assert.Equal(["relay"], capabilities.SupportedTransferModes);
    }

    [Fact]
    public async Task GetCapabilities_SwitchedOff_AreAbsentAndRefused()
    {
        await using var mock = await InProcessMock.StartAsync(s => s with { DisabledCapabilities = ["snapshots", "linked-clones", "disk-export", "disk-import", "image-import"] });
        var id = (await mock.Client.CreateAsync(new CreateRequest { Name = "x", ClassJson = ClassJson })).Id;

        var capabilities = await mock.Client.GetCapabilitiesAsync();

        Assert.False(capabilities.SupportsSnapshots || capabilities.SupportsMemorySnapshots || capabilities.SupportsLinkedClones);
        Assert.False(capabilities.SupportsDiskExport || capabilities.SupportsDiskImport || capabilities.SupportsImageImport);
        Assert.Empty(capabilities.SupportedExportFormats);
        Assert.Empty(capabilities.SupportedTransferModes);
        await ProviderAssert.RpcFailsAsync(StatusCode.Unimplemented, () => mock.Client.SnapshotCreateAsync(new SnapshotCreateRequest { VmId = id, NameHint = "s" }));
        await ProviderAssert.RpcFailsAsync(StatusCode.FailedPrecondition, () => mock.Client.CloneAsync(new CloneRequest { SourceVmId = id, TargetName = "l", Linked = true }));
        await ProviderAssert.RpcFailsAsync(StatusCode.Unimplemented, () => mock.Client.ExportDiskAsync(new ExportDiskRequest { VmId = id, DestinationUrl = "pvc://c/x" }));
        await ProviderAssert.RpcFailsAsync(StatusCode.Unimplemented, () => mock.Client.ImagePrepareAsync(new ImagePrepareRequest { TargetName = "i", ImageJson = "{}" }));
    }

    [Fact]
    public async Task WatchTask_RunningTask_StreamsUntilDone()
    {
        await using var mock = await InProcessMock.StartAsync(s => s with { OperationDurations = new Dictionary<string, TimeSpan> { ["Power"] = TimeSpan.FromMilliseconds(300) } });
        var id = (await mock.Client.CreateAsync(new CreateRequest { Name = "x", ClassJson = ClassJson })).Id;
        var task = (await mock.Client.PowerAsync(new PowerRequest { Id = id, Op = PowerOp.On })).Task;

        var all = new List<TaskProgress>();
        await foreach (var progress in mock.Client.WatchTaskAsync(task))
        {
            all.Add(progress);
        }

        Assert.False(mock.Client.WatchTaskUnsupported);
        Assert.True(all[^1].Done);
        Assert.Equal(("", 100.0, "powering-on"), (all[^1].Error, all[^1].Percentage, all[^1].Phase));
        Assert.All(all, p => Assert.Equal(task.Id, p.Task.Id));
        Assert.Equal("On", (await mock.Client.DescribeAsync(new DescribeRequest { Id = id })).PowerState);
    }

    [Fact]
    public async Task WatchTask_SwitchedOff_ClientFallsBackToTaskStatus()
    {
        await using var mock = await InProcessMock.StartAsync(s => s with
        {
            DisabledCapabilities = ["watch-task"],
            OperationDurations = new Dictionary<string, TimeSpan> { ["Power"] = TimeSpan.FromMilliseconds(200) },
        });
        var id = (await mock.Client.CreateAsync(new CreateRequest { Name = "x", ClassJson = ClassJson })).Id;
        var task = (await mock.Client.PowerAsync(new PowerRequest { Id = id, Op = PowerOp.On })).Task;

        var last = new TaskProgress();
        await foreach (var progress in mock.Client.WatchTaskAsync(task))
        {
            last = progress;
        }

        Assert.True(mock.Client.WatchTaskUnsupported);
        Assert.True(last.Done);
        await ProviderAssert.RpcFailsAsync(StatusCode.Unimplemented, async () =>
        {
            using var call = mock.Channel.CreateCallInvoker().AsyncServerStreamingCall(VirtRigaud.Provider.Contract.ProviderMethods.WatchTask, new WatchTaskRequest { Task = task }, new CallOptions().WithDeadline(Wait.Long));
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
    }

    [Fact]
    public async Task ConsoleStream_GreetsEchoesAndClosesOnHalfClose()
    {
        await using var mock = await InProcessMock.StartAsync();
        var id = (await mock.Client.CreateAsync(new CreateRequest { Name = "console-vm", ClassJson = ClassJson })).Id;
        await mock.Client.PowerAsync(new PowerRequest { Id = id, Op = PowerOp.On });

        var opened = await mock.Client.OpenConsoleAsync(id);
        using var session = opened.Session!;
        await session.WriteAsync("ls -l\r"u8.ToArray());
        await session.ResizeAsync(120, 40);
        await session.WriteAsync("exit\r"u8.ToArray());
        await session.CompleteAsync();
        var output = new StringBuilder();
        await foreach (var chunk in session.ReadOutputAsync())
        {
            output.Append(Encoding.UTF8.GetString(chunk.Span));
        }

        Assert.Equal($"virtrigaud mock serial console: console-vm ({id})\r\nls -l\rexit\r", output.ToString());
        Assert.Equal(ConsoleCloseReason.ClientClosed, session.CloseReason);
    }

    [Fact]
    public async Task ConsoleStream_VmPoweredOff_ClosesWithVmStopped()
    {
        await using var mock = await InProcessMock.StartAsync();
        var id = (await mock.Client.CreateAsync(new CreateRequest { Name = "x", ClassJson = ClassJson })).Id;
        await ProviderAssert.RpcFailsAsync(StatusCode.FailedPrecondition, () => mock.Client.OpenConsoleAsync(id));
        await mock.Client.PowerAsync(new PowerRequest { Id = id, Op = PowerOp.On });
        using var session = (await mock.Client.OpenConsoleAsync(id)).Session!;
        await using var output = session.ReadOutputAsync().GetAsyncEnumerator();
        Assert.True(await Wait.ForAsync(output.MoveNextAsync(), "the banner"));

        await mock.Client.PowerAsync(new PowerRequest { Id = id, Op = PowerOp.Off });

        Assert.False(await Wait.ForAsync(output.MoveNextAsync(), "the end of the session"));
        Assert.Equal(ConsoleCloseReason.VmStopped, session.CloseReason);
    }

    [Fact]
    public async Task ConsoleStream_SwitchedOff_ClientReportsUnsupported()
    {
        await using var mock = await InProcessMock.StartAsync(s => s with { DisabledCapabilities = ["console-stream"] });
        var id = (await mock.Client.CreateAsync(new CreateRequest { Name = "x", ClassJson = ClassJson })).Id;
        await mock.Client.PowerAsync(new PowerRequest { Id = id, Op = PowerOp.On });

        var opened = await mock.Client.OpenConsoleAsync(id);

        Assert.False(opened.IsSupported);
        Assert.NotNull(opened.UnsupportedReason);
    }

    [Fact]
    public async Task Faults_InjectedAtRuntime_ReachTheClientAndMetrics()
    {
        await using var mock = await InProcessMock.StartAsync();
        mock.Faults.Configure(MockFaultConfiguration.Parse("""{"rpcs": {"Describe": {"failTimes": 2, "code": "UNAVAILABLE", "message": "flaky"}, "ListVMs": {"latencyMs": 150}}}"""));

        var first = await ProviderAssert.RpcFailsAsync(StatusCode.Unavailable, () => mock.Client.DescribeAsync(new DescribeRequest { Id = "vm-1" }));
        await ProviderAssert.RpcFailsAsync(StatusCode.Unavailable, () => mock.Client.DescribeAsync(new DescribeRequest { Id = "vm-1" }));
        var third = await mock.Client.DescribeAsync(new DescribeRequest { Id = "vm-1" });
        var started = System.Diagnostics.Stopwatch.StartNew();
        await mock.Client.ListVMsAsync();
        var listTook = started.Elapsed;
        using var http = new HttpClient { BaseAddress = mock.Server.HealthAddress };
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal("flaky", first);
        Assert.False(third.Exists);
        Assert.True(listTook >= TimeSpan.FromMilliseconds(150), $"ListVMs took {listTook}");
        Assert.Contains("virtrigaud_mock_injected_errors_total{code=\"Unavailable\",rpc=\"Describe\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("Describe", mock.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faults_Down_ValidateReportsItAndEverythingElseIsUnavailable()
    {
        await using var mock = await InProcessMock.StartAsync(s => s with { Faults = new MockFaultConfiguration { Down = true } });

        var validate = await mock.Client.ValidateAsync();

        Assert.False(validate.Ok);
        Assert.Contains("down", validate.Message, StringComparison.Ordinal);
        await ProviderAssert.RpcFailsAsync(StatusCode.Unavailable, () => mock.Client.GetCapabilitiesAsync());
        mock.Faults.Configure(MockFaultConfiguration.None);
        Assert.True((await mock.Client.ValidateAsync()).Ok);
    }

    [Fact]
    public async Task Faults_FileAtRuntime_IsPickedUp()
    {
        var directory = Directory.CreateTempSubdirectory("virtrigaud-mock-faultfile-").FullName;
        try
        {
            var file = Path.Combine(directory, "faults.json");
            await using var mock = await InProcessMock.StartAsync(s => s with { FaultsFile = file, FaultsReloadInterval = TimeSpan.FromMilliseconds(50) });
            Assert.NotNull(await mock.Client.GetCapabilitiesAsync());

            await File.WriteAllTextAsync(file, """{"rpcs": {"GetCapabilities": {"failAlways": true, "code": "RESOURCE_EXHAUSTED"}}}""");
            await Wait.UntilAsync(() => mock.Faults.Configuration.Rpcs?.ContainsKey("GetCapabilities") == true, "the fault file to be applied");

            await ProviderAssert.RpcFailsAsync(StatusCode.ResourceExhausted, () => mock.Client.GetCapabilitiesAsync());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

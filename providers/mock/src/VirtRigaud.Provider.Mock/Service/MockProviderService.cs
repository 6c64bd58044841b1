using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Sdk.Capabilities;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Mock.Service;

/// <summary>
/// The provider.v1 service of the mock: translates requests (and their JSON payloads) into <see cref="MockHypervisor"/>
/// calls and the results back into responses. Every RPC is implemented; features switched off in
/// <see cref="MockCapabilities"/> answer as the proto says for an absent capability. Failures are
/// <see cref="ProviderException"/>s mapped to status codes by the SDK's error interceptor; faults are injected around
/// it by <see cref="Faults.FaultInterceptor"/>. Stateless apart from the hypervisor; thread-safe.
/// </summary>
public sealed partial class MockProviderService : ProviderServiceBase
{
    private readonly MockHypervisor _hypervisor;
    private readonly ProviderLifecycle? _lifecycle;
    private readonly ProviderDefaults _defaults;
    private readonly ILogger _logger;
    private readonly GetCapabilitiesResponse _capabilities;

    public MockProviderService(MockHypervisor hypervisor, ILogger<MockProviderService> logger, ProviderRuntimeOptions? runtime = null, ProviderLifecycle? lifecycle = null)
    {
        _hypervisor = hypervisor;
        _lifecycle = lifecycle;
        _defaults = runtime?.Defaults ?? new ProviderDefaults();
        _logger = logger;
        _capabilities = BuildCapabilities(hypervisor.Capabilities);
    }

    /// <summary>The GetCapabilities answer for <paramref name="capabilities"/>. Pure.</summary>
    public static GetCapabilitiesResponse BuildCapabilities(MockCapabilities capabilities)
    {
        var builder = new CapabilitiesBuilder()
            .WithDiskTypes(capabilities.DiskTypes)
            .WithNetworkTypes(capabilities.NetworkTypes);
        if (capabilities.ReconfigureOnline)
        {
            builder.WithOnlineReconfigure();
        }

        if (capabilities.DiskExpansionOnline)
        {
            builder.WithOnlineDiskExpansion();
        }

        if (capabilities.Snapshots)
        {
            builder.WithSnapshots(memory: capabilities.MemorySnapshots);
        }

        if (capabilities.LinkedClones)
        {
            builder.WithLinkedClones();
        }

        if (capabilities.ImageImport)
        {
            builder.WithImageImport();
        }

        if (capabilities.DiskExport)
        {
            builder.WithDiskExport(capabilities.ExportFormats, capabilities.ExportCompression).WithExportBackends(capabilities.ExportBackends);
        }

        if (capabilities.DiskImport)
        {
            builder.WithDiskImport(capabilities.ImportFormats).WithImportBackends(capabilities.ImportBackends);
        }

        if (capabilities.DiskExport || capabilities.DiskImport)
        {
            builder.WithTransferModes(capabilities.TransferModes);
        }

        return builder.Build();
    }

    public override Task<ValidateResponse> ValidateAsync(ValidateRequest request, ServerCallContext context)
    {
        var report = _hypervisor.Validate();
        return Task.FromResult(new ValidateResponse { Ok = report.Ok, Message = report.Message });
    }

    public override Task<GetCapabilitiesResponse> GetCapabilitiesAsync(GetCapabilitiesRequest request, ServerCallContext context) =>
        Task.FromResult(_capabilities.Clone());

    public override Task<CreateResponse> CreateAsync(CreateRequest request, ServerCallContext context)
    {
        var vmClass = Payload(ProviderPayloads.ParseClass, request.ClassJson) ?? throw ProviderErrors.InvalidArgument("class_json is required");
        var image = Payload(ProviderPayloads.ParseImage, request.ImageJson);
        var networks = Payload(ProviderPayloads.ParseNetworks, request.NetworksJson) ?? [];
        var disks = Payload(ProviderPayloads.ParseDisks, request.DisksJson) ?? [];
        var placement = Payload(ProviderPayloads.ParsePlacement, request.PlacementJson);
        // Payload strings are coalesced: a hand-written payload may leave members out, which source-generated JSON
        // reads as null even where the record's initializer says "" (Go's manager always writes every member).
        var created = _hypervisor.Create(new VmCreateSpec
        {
            Name = request.Name,
            Cpu = vmClass.Cpu,
            MemoryMiB = vmClass.MemoryMiB,
            Firmware = vmClass.Firmware ?? "",
            GuestTools = HasGuestTools(vmClass.GuestToolsPolicy),
            DiskType = vmClass.DiskDefaults?.Type ?? "",
            DiskSizeGiB = vmClass.DiskDefaults?.SizeGiB ?? 0,
            HardwareVersion = HardwareVersionOf(vmClass.ExtraConfig),
            Image = image is null ? null : new ImageReference { TemplateName = image.TemplateName ?? "", Path = image.Path ?? "", Url = image.Url ?? "" },
            Disks = [.. disks.Select(d => new DiskRequest { Name = d.Name ?? "", SizeGiB = d.SizeGiB, Type = d.Type ?? "" })],
            Networks = [.. networks.Select(n => new NicRequest
            {
                Name = n.Name ?? "",
                NetworkName = NonEmpty(n.NetworkName) ?? n.Bridge ?? "",
                Model = n.Model ?? "",
                MacAddress = n.MacAddress ?? "",
                StaticIp = n.StaticIp ?? "",
            })],
            Datastore = NonEmpty(placement?.Datastore) ?? _defaults.Datastore,
            Cluster = NonEmpty(placement?.Cluster) ?? _defaults.Cluster,
            Folder = NonEmpty(placement?.Folder) ?? _defaults.Folder,
            Tags = [.. request.Tags],
            UserDataBytes = request.UserData.Length,
            MetaDataBytes = request.MetaData.Length,
        });
        return Task.FromResult(new CreateResponse { Id = created.VmId, Task = TaskRefOf(created.TaskId) });
    }

    public override Task<TaskResponse> DeleteAsync(DeleteRequest request, ServerCallContext context) =>
        Task.FromResult(TaskResponseOf(_hypervisor.Delete(request.Id)));

    public override Task<TaskResponse> PowerAsync(PowerRequest request, ServerCallContext context)
    {
        var action = request.Op switch
        {
            PowerOp.On => PowerAction.On,
            PowerOp.Off => PowerAction.Off,
            PowerOp.Reboot => PowerAction.Reboot,
            PowerOp.ShutdownGraceful => PowerAction.Shutdown,
            _ => throw ProviderErrors.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"op {request.Op} is not a power operation")),
        };
        if (request.GracefulTimeoutSeconds < 0)
        {
            throw ProviderErrors.InvalidArgument("graceful_timeout_seconds cannot be negative");
        }

        return Task.FromResult(TaskResponseOf(_hypervisor.Power(request.Id, action, TimeSpan.FromSeconds(request.GracefulTimeoutSeconds))));
    }

    public override Task<TaskResponse> ReconfigureAsync(ReconfigureRequest request, ServerCallContext context)
    {
        var desired = Payload(ProviderPayloads.ParseReconfigureDesired, request.DesiredJson) ?? throw ProviderErrors.InvalidArgument("desired_json is required");
        var desiredClass = desired.Class ?? new ClassPayload();
        var taskId = _hypervisor.Reconfigure(request.Id, new VmReconfigureSpec
        {
            Cpu = desiredClass.Cpu,
            MemoryMiB = desiredClass.MemoryMiB,
            DiskSizeGiB = desiredClass.DiskDefaults?.SizeGiB ?? 0,
            Disks = [.. (desired.Disks ?? []).Select(d => new DiskRequest { Name = d.Name ?? "", SizeGiB = d.SizeGiB, Type = d.Type ?? "" })],
        });
        return Task.FromResult(TaskResponseOf(taskId));
    }

    public override Task<TaskResponse> HardwareUpgradeAsync(HardwareUpgradeRequest request, ServerCallContext context) =>
        Task.FromResult(TaskResponseOf(_hypervisor.HardwareUpgrade(request.Id, request.TargetVersion)));

    public override Task<DescribeResponse> DescribeAsync(DescribeRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Id))
        {
            throw ProviderErrors.InvalidArgument("id is required");
        }

        if (_hypervisor.Describe(request.Id) is not { } vm)
        {
            return Task.FromResult(new DescribeResponse { Exists = false });
        }

        var response = new DescribeResponse
        {
            Exists = true,
            PowerState = vm.PowerState,
            ConsoleUrl = vm.ConsoleUrl,
            ProviderRawJson = RawJson(vm.Details),
        };
        response.Ips.Add(vm.IpAddresses);
        return Task.FromResult(response);
    }

    public override Task<TaskStatusResponse> TaskStatusAsync(TaskStatusRequest request, ServerCallContext context)
    {
        var progress = _hypervisor.GetTask(request.Task?.Id ?? "");
        return Task.FromResult(new TaskStatusResponse { Done = progress.Done, Error = progress.Error });
    }

    public override Task<SnapshotCreateResponse> SnapshotCreateAsync(SnapshotCreateRequest request, ServerCallContext context)
    {
        var created = _hypervisor.CreateSnapshot(request.VmId, request.NameHint, request.IncludeMemory, request.Description);
        return Task.FromResult(new SnapshotCreateResponse { SnapshotId = created.SnapshotId, Task = TaskRefOf(created.TaskId) });
    }

    public override Task<TaskResponse> SnapshotDeleteAsync(SnapshotDeleteRequest request, ServerCallContext context) =>
        Task.FromResult(TaskResponseOf(_hypervisor.DeleteSnapshot(request.VmId, request.SnapshotId)));

    public override Task<TaskResponse> SnapshotRevertAsync(SnapshotRevertRequest request, ServerCallContext context) =>
        Task.FromResult(TaskResponseOf(_hypervisor.RevertSnapshot(request.VmId, request.SnapshotId)));

    public override Task<CloneResponse> CloneAsync(CloneRequest request, ServerCallContext context)
    {
        var vmClass = Payload(ProviderPayloads.ParseCloneClass, request.ClassJson);
        var placement = Payload(ProviderPayloads.ParseClonePlacement, request.PlacementJson);
        var customization = Payload(ProviderPayloads.ParseCustomization, request.CustomizeJson);
        int? memoryMiB = null;
        if (vmClass is not null)
        {
            var bytes = vmClass.Memory.Value();
            memoryMiB = (int)Math.Clamp(bytes / (1024 * 1024), 0, int.MaxValue);
        }

        var created = _hypervisor.Clone(new CloneSpec
        {
            SourceVmId = request.SourceVmId,
            TargetName = request.TargetName,
            Linked = request.Linked,
            Cpu = vmClass?.Cpu,
            MemoryMiB = memoryMiB,
            PlacementPolicy = placement?.Name,
            Hostname = customization?.Hostname,
            Networks = [.. (customization?.Networks ?? []).Select(n => new NicCustomization { Name = n.Name, IpAddress = n.IpAddress ?? "", MacAddress = n.MacAddress ?? "" })],
            Tags = customization?.Tags ?? [],
        });
        return Task.FromResult(new CloneResponse { TargetVmId = created.VmId, Task = TaskRefOf(created.TaskId) });
    }

    public override async Task<ImagePrepareResponse> ImagePrepareAsync(ImagePrepareRequest request, ServerCallContext context)
    {
        if (!_hypervisor.Capabilities.ImageImport)
        {
            throw ProviderErrors.Unimplemented("image import");
        }

        var spec = Payload(ProviderPayloads.ParseImageSpec, request.ImageJson) ?? throw ProviderErrors.InvalidArgument("image_json is required");
        var prepared = await _hypervisor.PrepareImageAsync(ImageSources.ToPrepareSpec(request.TargetName, spec), context.CancellationToken).ConfigureAwait(false);
        return new ImagePrepareResponse { Task = TaskRefOf(prepared.TaskId), PreparedImageId = prepared.ImageId, PreparedImagePath = prepared.ImagePath };
    }

    public override async Task<ExportDiskResponse> ExportDiskAsync(ExportDiskRequest request, ServerCallContext context)
    {
        var exported = await _hypervisor.ExportDiskAsync(
            new DiskExportSpec
            {
                VmId = request.VmId,
                DiskId = request.DiskId,
                SnapshotId = request.SnapshotId,
                DestinationUrl = request.DestinationUrl,
                Format = request.Format,
                Compress = request.Compress,
                BackendType = request.BackendType,
                TransferMode = request.TransferMode,
            },
            context.CancellationToken).ConfigureAwait(false);
        return new ExportDiskResponse
        {
            ExportId = exported.ExportId,
            Task = TaskRefOf(exported.TaskId),
            EstimatedSizeBytes = exported.SizeBytes,
            Checksum = exported.Checksum,
        };
    }

    public override async Task<ImportDiskResponse> ImportDiskAsync(ImportDiskRequest request, ServerCallContext context)
    {
        var imported = await _hypervisor.ImportDiskAsync(
            new DiskImportSpec
            {
                SourceUrl = request.SourceUrl,
                TargetName = request.TargetName,
                Format = request.Format,
                VerifyChecksum = request.VerifyChecksum,
                ExpectedChecksum = request.ExpectedChecksum,
                BackendType = request.BackendType,
                TransferMode = request.TransferMode,
            },
            context.CancellationToken).ConfigureAwait(false);
        return new ImportDiskResponse
        {
            DiskId = imported.DiskId,
            Path = imported.Path,
            Task = TaskRefOf(imported.TaskId),
            ActualSizeBytes = imported.SizeBytes,
            Checksum = imported.Checksum,
        };
    }

    public override Task<GetDiskInfoResponse> GetDiskInfoAsync(GetDiskInfoRequest request, ServerCallContext context)
    {
        var disk = _hypervisor.GetDiskInfo(request.VmId, request.DiskId, request.SnapshotId);
        var response = new GetDiskInfoResponse
        {
            DiskId = disk.DiskId,
            Format = disk.Format,
            VirtualSizeBytes = disk.VirtualSizeBytes,
            ActualSizeBytes = disk.ActualSizeBytes,
            Path = disk.Path,
            IsBootable = disk.IsBootable,
            BackingFile = disk.BackingFile,
        };
        response.Snapshots.Add(disk.Snapshots);
        foreach (var (key, value) in disk.Metadata)
        {
            response.Metadata[key] = value;
        }
        return Task.FromResult(response);
    }

    public override Task<ListVMsResponse> ListVMsAsync(ListVMsRequest request, ServerCallContext context)
    {
        var response = new ListVMsResponse();
        foreach (var vm in _hypervisor.ListVms())
        {
            var info = new VMInfo { Id = vm.Id, Name = vm.Name, PowerState = vm.PowerState, Cpu = vm.Cpu, MemoryMib = vm.MemoryMiB };
            info.Ips.Add(vm.IpAddresses);
            info.Disks.Add(vm.Disks.Select(d => new DiskInfo { Id = d.Id, Path = d.Path, SizeGib = d.SizeGiB, Format = d.Format }));
            info.Networks.Add(vm.Networks.Select(n => new NetworkInfo { Name = n.Name, Mac = n.MacAddress, IpAddress = n.IpAddress }));
            foreach (var (key, value) in vm.Details)
            {
                info.ProviderRaw[key] = value;
            }

            response.Vms.Add(info);
        }

        return Task.FromResult(response);
    }

    public override async Task WatchTaskAsync(WatchTaskRequest request, IServerStreamWriter<TaskProgress> responses, ServerCallContext context)
    {
        if (!_hypervisor.Capabilities.WatchTask)
        {
            await base.WatchTaskAsync(request, responses, context).ConfigureAwait(false);
            return;
        }

        var task = request.Task ?? new TaskRef();
        await foreach (var progress in _hypervisor.WatchTaskAsync(task.Id, context.CancellationToken).ConfigureAwait(false))
        {
            await responses.WriteAsync(
                new TaskProgress
                {
                    Task = new TaskRef { Id = progress.TaskId },
                    Done = progress.Done,
                    Error = progress.Error,
                    BytesDone = progress.BytesDone,
                    BytesTotal = progress.BytesTotal,
                    Percentage = progress.Percentage,
                    Message = progress.Message,
                    Phase = progress.Phase,
                },
                context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Parses a JSON payload, turning a payload that does not fit into INVALID_ARGUMENT.</summary>
    private static T? Payload<T>(Func<string?, T?> parse, string json)
    {
        try
        {
            return parse(json);
        }
        catch (ProviderPayloadException e)
        {
            throw ProviderErrors.InvalidArgument(e.Message, e);
        }
    }

    private static bool HasGuestTools(string policy) =>
        !string.Equals(policy, "skip", StringComparison.OrdinalIgnoreCase) && !string.Equals(policy, "uninstall", StringComparison.OrdinalIgnoreCase);

    private static int HardwareVersionOf(IReadOnlyDictionary<string, string>? extraConfig) =>
        extraConfig is not null
        && (extraConfig.TryGetValue("vsphere.hardwareVersion", out var text) || extraConfig.TryGetValue("hardwareVersion", out text))
        && int.TryParse(text.TrimStart('v', 'm', 'x', '-'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : 0;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static TaskRef? TaskRefOf(string? taskId) => taskId is null ? null : new TaskRef { Id = taskId };

    private static TaskResponse TaskResponseOf(string? taskId) => new() { Task = TaskRefOf(taskId) };

    /// <summary>The details as a flat JSON object of strings (what the manager stringifies into status.provider). Pure.</summary>
    private static string RawJson(IReadOnlyDictionary<string, string> details)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in details)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

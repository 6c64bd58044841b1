using Microsoft.Extensions.Logging;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Libvirt.Libvirt;
using VirtRigaud.Provider.Sdk.Capabilities;
using VirtRigaud.Provider.Sdk.Concurrency;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.Sdk.Tasks;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Libvirt.Service;

/// <summary>
/// provider.v1 on libvirt. Every operation is synchronous (empty task refs, as upstream's libvirt provider); VM id =
/// domain name. Idempotency by name comes from looking the domain up under a per-name lock (<see cref="KeyedAsyncLock"/>):
/// a repeated Create returns the existing domain, a repeated Delete finds nothing to do. RPCs not overridden here answer UNIMPLEMENTED, and GetCapabilities advertises only what is overridden.
/// </summary>
internal sealed partial class LibvirtProviderService(
    LibvirtConnection connection,
    TaskRegistry tasks,
    TimeProvider time,
    ProviderLifecycle lifecycle,
    ILogger<LibvirtProviderService> logger) : ProviderServiceBase
{
    /// <summary>How often a graceful shutdown polls the domain state.</summary>
    private static readonly TimeSpan ShutdownPollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Upstream's graceful shutdown timeout when the request carries none.</summary>
    private static readonly TimeSpan DefaultGracefulTimeout = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public override async Task<ValidateResponse> ValidateAsync(ValidateRequest request, ServerCallContext context)
    {
        try
        {
            var virsh = await connection.GetClientAsync(context.CancellationToken).ConfigureAwait(false);
            var version = await virsh.VersionAsync(context.CancellationToken).ConfigureAwait(false);
            var hypervisor = version.Split('\n').FirstOrDefault(l => l.Contains("hypervisor", StringComparison.OrdinalIgnoreCase))?.Trim() ?? "libvirt reachable";
            return new ValidateResponse { Ok = true, Message = $"{connection.Endpoint.Original}: {hypervisor}" };
        }
        catch (ProviderException e)
        {
            Log.ValidateFailed(logger, e.Message);
            return new ValidateResponse { Ok = false, Message = e.Message };
        }
    }

    /// <inheritdoc />
    public override Task<GetCapabilitiesResponse> GetCapabilitiesAsync(GetCapabilitiesRequest request, ServerCallContext context) =>
        Task.FromResult(new CapabilitiesBuilder()
            .WithOnlineReconfigure()
            .WithSnapshots(memory: true)
            .WithLinkedClones()
            .WithImageImport()
            .WithDiskExport([DiskFormats.Qcow2, DiskFormats.Raw], compression: true)
            .WithDiskImport([DiskFormats.Qcow2, DiskFormats.Raw, DiskFormats.Vmdk])
            .WithBackends(StorageBackends.Pvc, StorageBackends.Nfs, StorageBackends.S3)
            .WithTransferModes(TransferModes.Auto, TransferModes.Relay, TransferModes.Direct)
            .WithDiskTypes(DiskFormats.Qcow2, DiskFormats.Raw)
            .WithNetworkTypes("virtio", "e1000", "e1000e", "rtl8139")
            .Build());

    /// <inheritdoc />
    public override Task<TaskStatusResponse> TaskStatusAsync(TaskStatusRequest request, ServerCallContext context) => Task.FromResult(tasks.GetStatus(request));

    /// <inheritdoc />
    public override Task WatchTaskAsync(WatchTaskRequest request, IServerStreamWriter<TaskProgress> responses, ServerCallContext context) =>
        tasks.WatchAsync(request, responses, context);

    /// <inheritdoc />
    public override Task<CreateResponse> CreateAsync(CreateRequest request, ServerCallContext context)
    {
        VmNames.Validate(request.Name, "name");
        var vmClass = Payload(ProviderPayloads.ParseClass, request.ClassJson);
        var image = Payload(ProviderPayloads.ParseImage, request.ImageJson);
        var networks = Payload(ProviderPayloads.ParseNetworks, request.NetworksJson) ?? [];
        var disks = Payload(ProviderPayloads.ParseDisks, request.DisksJson) ?? [];
        return WithLockAsync(
            request.Name,
            async ct =>
            {
                var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
                if (await virsh.TryStateAsync(request.Name, ct).ConfigureAwait(false) is not null)
                {
                    return new CreateResponse { Id = request.Name };
                }

                var planner = new DomainPlanner(virsh, connection.Settings);
                await planner.CreateAsync(request, vmClass, image, networks, disks, ct).ConfigureAwait(false);
                Log.Created(logger, request.Name);
                return new CreateResponse { Id = request.Name };
            },
            context.CancellationToken);
    }

    /// <inheritdoc />
    public override Task<TaskResponse> DeleteAsync(DeleteRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Id))
        {
            throw ProviderErrors.InvalidArgument("id is required");
        }

        return WithLockAsync(
            request.Id,
            async ct =>
            {
                var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
                var state = await virsh.TryStateAsync(request.Id, ct).ConfigureAwait(false);
                if (state is null)
                {
                    return new TaskResponse();
                }

                var clones = await ClonePlanner.LinkedClonesOfAsync(virsh, request.Id, ct).ConfigureAwait(false);
                if (clones.Count > 0)
                {
                    throw ProviderErrors.FailedPrecondition($"vm \"{request.Id}\" backs the disks of linked clone(s) {string.Join(", ", clones)}: delete them first");
                }

                var description = DomainXmlReader.Parse(await virsh.DumpXmlAsync(request.Id, inactive: true, ct).ConfigureAwait(false));
                if (DomainStates.IsActive(state.Value))
                {
                    await IgnoreStateErrorAsync(virsh.DestroyAsync(request.Id, ct)).ConfigureAwait(false);
                }

                await virsh.UndefineAsync(request.Id, ct).ConfigureAwait(false);
                // Only files the provider made for this VM (in its image folder, named after it) are removed; an
                // adopted domain's disks elsewhere stay.
                var owned = DomainPlanner.OwnedFiles(connection.Settings, request.Id, description);
                await new HostFiles(virsh).RemoveAsync(owned, ct).ConfigureAwait(false);
                Log.Deleted(logger, request.Id, owned.Count);
                return new TaskResponse();
            },
            context.CancellationToken);
    }

    /// <inheritdoc />
    public override async Task<TaskResponse> PowerAsync(PowerRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Id))
        {
            throw ProviderErrors.InvalidArgument("id is required");
        }

        if (request.Op is PowerOp.Unspecified || !Enum.IsDefined(request.Op))
        {
            throw ProviderErrors.InvalidArgument($"power op {request.Op} is not supported");
        }

        var ct = context.CancellationToken;
        using var held = await _locks.AcquireAsync(request.Id, ct).ConfigureAwait(false);
        var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
        var state = await virsh.TryStateAsync(request.Id, ct).ConfigureAwait(false) ?? throw ProviderErrors.NotFound("vm", request.Id);
        switch (request.Op)
        {
            case PowerOp.On:
                if (state == DomainState.Paused)
                {
                    await virsh.ResumeAsync(request.Id, ct).ConfigureAwait(false);
                }
                else if (!DomainStates.IsActive(state))
                {
                    await virsh.StartAsync(request.Id, ct).ConfigureAwait(false);
                }

                break;

            case PowerOp.Off:
                if (DomainStates.IsActive(state))
                {
                    await IgnoreStateErrorAsync(virsh.DestroyAsync(request.Id, ct)).ConfigureAwait(false);
                }

                break;

            case PowerOp.Reboot:
                if (DomainStates.IsActive(state))
                {
                    // A guest that ignores ACPI would never reboot; reset is the reboot libvirt can guarantee.
                    await virsh.ResetAsync(request.Id, ct).ConfigureAwait(false);
                    if (state == DomainState.Paused)
                    {
                        await virsh.ResumeAsync(request.Id, ct).ConfigureAwait(false);
                    }
                }
                else
                {
                    await virsh.StartAsync(request.Id, ct).ConfigureAwait(false);
                }

                break;

            case PowerOp.ShutdownGraceful:
                if (DomainStates.IsActive(state))
                {
                    var timeout = request.GracefulTimeoutSeconds > 0 ? TimeSpan.FromSeconds(request.GracefulTimeoutSeconds) : DefaultGracefulTimeout;
                    await ShutdownGracefullyAsync(virsh, request.Id, timeout, ct).ConfigureAwait(false);
                }

                break;
        }

        return new TaskResponse();
    }

    /// <inheritdoc />
    public override async Task<DescribeResponse> DescribeAsync(DescribeRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Id))
        {
            throw ProviderErrors.InvalidArgument("id is required");
        }

        var ct = context.CancellationToken;
        var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
        var state = await virsh.TryStateAsync(request.Id, ct).ConfigureAwait(false);
        if (state is null)
        {
            return new DescribeResponse { Exists = false };
        }

        var description = DomainXmlReader.Parse(await virsh.DumpXmlAsync(request.Id, inactive: false, ct).ConfigureAwait(false));
        var running = DomainStates.PowerState(state.Value) == DomainStates.On;
        var (ips, source) = running ? await AddressesAsync(virsh, request.Id, ct).ConfigureAwait(false) : ([], "none");
        var response = new DescribeResponse { Exists = true, PowerState = DomainStates.PowerState(state.Value) };
        response.Ips.AddRange(ips);
        if (running && description.VncPort is { } port)
        {
            response.ConsoleUrl = $"vnc://{connection.Endpoint.Host}:{port}";
        }

        response.ProviderRawJson = RawInfo.Describe(description, state.Value, source);
        return response;
    }

    /// <inheritdoc />
    public override async Task<ListVMsResponse> ListVMsAsync(ListVMsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
        var response = new ListVMsResponse();
        foreach (var name in await virsh.ListAsync(ct).ConfigureAwait(false))
        {
            var state = await virsh.TryStateAsync(name, ct).ConfigureAwait(false);
            if (state is null)
            {
                // Undefined between the list and now.
                continue;
            }

            var description = DomainXmlReader.Parse(await virsh.DumpXmlAsync(name, inactive: false, ct).ConfigureAwait(false));
            // Sizes as configured (the persistent definition, which live changes also update): a running guest without a
            // balloon driver keeps all of <memory>, so the live balloon figure would not show what was asked for.
            var configured = DomainStates.IsActive(state.Value)
                ? DomainXmlReader.Parse(await virsh.DumpXmlAsync(name, inactive: true, ct).ConfigureAwait(false))
                : description;
            var info = new VMInfo
            {
                Id = name,
                Name = name,
                PowerState = DomainStates.PowerState(state.Value),
                Cpu = configured.VCpus,
                MemoryMib = configured.MemoryMiB,
            };
            foreach (var disk in description.Disks)
            {
                info.Disks.Add(new DiskInfo { Id = disk.Target, Path = disk.Path, Format = disk.Format });
            }

            foreach (var nic in description.Nics)
            {
                info.Networks.Add(new NetworkInfo { Name = nic.Source, Mac = nic.Mac ?? string.Empty });
            }

            info.ProviderRaw.Add("state", state.Value.ToString());
            info.ProviderRaw.Add("uuid", description.Uuid);
            info.ProviderRaw.Add("firmware", description.Firmware.ToString());
            response.Vms.Add(info);
        }

        return response;
    }

    private readonly KeyedAsyncLock _locks = new();

    /// <summary>Runs <paramref name="operation"/> under the lock of VM (or snapshot, clone) <paramref name="key"/>.</summary>
    private async Task<T> WithLockAsync<T>(string key, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        using var held = await _locks.AcquireAsync(key, cancellationToken).ConfigureAwait(false);
        return await operation(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>IPs from the guest agent, else DHCP leases, else the ARP table (first source that has any).</summary>
    private static async Task<(List<string> Ips, string Source)> AddressesAsync(VirshClient virsh, string name, CancellationToken cancellationToken)
    {
        foreach (var source in new[] { "agent", "lease", "arp" })
        {
            var addresses = await virsh.InterfaceAddressesAsync(name, source, cancellationToken).ConfigureAwait(false);
            var ips = addresses.Where(a => a.Interface != "lo" && !a.Address.StartsWith("127.", StringComparison.Ordinal) && a.Address != "::1")
                .Select(a => a.Address).Distinct(StringComparer.Ordinal).ToList();
            if (ips.Count > 0)
            {
                return (ips, source);
            }
        }

        return ([], "none");
    }

    private async Task ShutdownGracefullyAsync(VirshClient virsh, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await IgnoreStateErrorAsync(virsh.ShutdownAsync(name, cancellationToken)).ConfigureAwait(false);
        var deadline = time.GetUtcNow() + timeout;
        while (time.GetUtcNow() < deadline)
        {
            var state = await virsh.TryStateAsync(name, cancellationToken).ConfigureAwait(false);
            if (state is null || !DomainStates.IsActive(state.Value))
            {
                return;
            }

            await Task.Delay(ShutdownPollInterval, time, cancellationToken).ConfigureAwait(false);
        }

        // The guest ignored the request (no ACPI handling, hung): upstream's contract is "Off after the timeout".
        Log.ShutdownForced(logger, name, timeout);
        await IgnoreStateErrorAsync(virsh.DestroyAsync(name, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Runs a state change that may race with the domain stopping by itself (FAILED_PRECONDITION "not running" is then success).</summary>
    private static async Task IgnoreStateErrorAsync(Task operation)
    {
        try
        {
            await operation.ConfigureAwait(false);
        }
        catch (ProviderException e) when (e.Code == StatusCode.FailedPrecondition)
        {
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "libvirt validation failed: {Reason}")]
        public static partial void ValidateFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "domain {Name} defined")]
        public static partial void Created(ILogger logger, string name);

        [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "domain {Name} deleted with {Files} file(s)")]
        public static partial void Deleted(ILogger logger, string name, int files);

        [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "snapshot {Snapshot} of stopped vm {Name} asked for memory; a stopped VM has only its disks")]
        public static partial void MemorySnapshotOfStoppedVm(ILogger logger, string name, string snapshot);

        [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "domain {Name} did not shut down within {Timeout}; powered off")]
        public static partial void ShutdownForced(ILogger logger, string name, TimeSpan timeout);

        [LoggerMessage(EventId = 9006, Level = LogLevel.Information, Message = "console session on domain {Name} opened")]
        public static partial void ConsoleOpened(ILogger logger, string name);

        [LoggerMessage(EventId = 9007, Level = LogLevel.Information, Message = "console session on domain {Name} closed: {Reason}")]
        public static partial void ConsoleClosed(ILogger logger, string name, string reason);
    }
}

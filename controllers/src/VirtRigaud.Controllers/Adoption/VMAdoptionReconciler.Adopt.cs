using System.Globalization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Classes;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.Adoption;

public sealed partial class VMAdoptionReconciler
{
    private static readonly HashSet<string> DiskFormats = new(["qcow2", "vmdk", "raw", "vdi", "vhdx"], StringComparer.Ordinal);

    /// <summary>Adopts every unmanaged provider VM that passes the filter; one failure does not stop the others.</summary>
    private async Task<AdoptionOutcome> AdoptAsync(Api.V1Beta1.Provider provider, ListVMsResponse listed, AdoptionFilter filter, CancellationToken cancellationToken)
    {
        var ns = provider.Metadata.Namespace ?? "";
        var managing = VirtualMachineIndexes.Using(_vms, VirtualMachineIndexes.ByProvider, ns, provider.Metadata.Name);
        var ids = managing.Select(v => v.Status?.Id).Where(id => !string.IsNullOrEmpty(id)).ToHashSet(StringComparer.Ordinal);
        var names = managing.Select(v => v.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var outcome = new AdoptionOutcome();
        var classes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var info in listed.Vms)
        {
            if (ids.Contains(info.Id) || names.Contains(info.Name) || !filter.Matches(info))
            {
                continue;
            }

            outcome.Discovered++;
            try
            {
                if (await AdoptOneAsync(provider, info, classes, cancellationToken).ConfigureAwait(false) is { } failure)
                {
                    outcome.Failures.Add(failure);
                }
                else
                {
                    outcome.Adopted++;
                    outcome.AdoptedNames.Add(AdoptionNaming.VmName(info.Name, info.Id));
                }
            }
            catch (KubernetesApiException e) when (!cancellationToken.IsCancellationRequested)
            {
                _metrics.RecordError("adoption-create-failed");
                outcome.Failures.Add($"{info.Name} ({info.Id}): {e.Message}");
            }
        }

        return outcome;
    }

    /// <summary>Adopts one provider VM; returns why it could not, or null.</summary>
    private async Task<string?> AdoptOneAsync(Api.V1Beta1.Provider provider, VMInfo info, HashSet<string> classes, CancellationToken cancellationToken)
    {
        var ns = provider.Metadata.Namespace ?? "";
        var name = AdoptionNaming.VmName(info.Name, info.Id);
        var client = _client.VirtualMachines(ns);
        var vm = _vms.Get(ns, name);
        var created = false;
        if (vm is null)
        {
            var className = await EnsureClassAsync(ns, info, classes, cancellationToken).ConfigureAwait(false);
            try
            {
                vm = await client.CreateAsync(NewVm(provider, info, name, className), cancellationToken: cancellationToken).ConfigureAwait(false);
                created = true;
            }
            catch (KubernetesApiException e) when (e.IsAlreadyExists)
            {
                vm = await client.GetAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsInvalid)
            {
                return $"{info.Name} ({info.Id}): VirtualMachine {ns}/{name} was refused: {e.Message}";
            }
        }

        if (!IsAdoptionOf(vm, provider))
        {
            return $"{info.Name} ({info.Id}): VirtualMachine {ns}/{name} already exists and was not adopted from this Provider";
        }

        if (!string.IsNullOrEmpty(vm.Status?.Id) && vm.Status.Id != info.Id)
        {
            return $"{info.Name} ({info.Id}): VirtualMachine {ns}/{name} is already bound to provider VM {vm.Status.Id}";
        }

        if (vm.Status?.Id != info.Id)
        {
            vm = await SeedAsync(ns, name, info, cancellationToken).ConfigureAwait(false);
            if (vm.Status?.Id != info.Id)
            {
                return $"{info.Name} ({info.Id}): VirtualMachine {ns}/{name} was bound to provider VM {vm.Status?.Id} meanwhile";
            }
        }

        VMAdoptionLog.Adopted(_logger, $"{ns}/{name}", info.Name, info.Id);
        if (created)
        {
            _events.Event(vm, EventTypes.Normal, VMAdoptionConventions.EventVmAdopted, $"adopted provider VM {info.Name} ({info.Id}) from Provider {provider.Metadata.Name}");
        }

        return null;
    }

    private static bool IsAdoptionOf(VirtualMachine vm, Api.V1Beta1.Provider provider) =>
        vm.Metadata.Label(VMAdoptionConventions.AdoptedLabel) == "true"
        && vm.Spec.ProviderRef.Name == provider.Metadata.Name
        && (string.IsNullOrEmpty(vm.Spec.ProviderRef.Namespace) ? vm.Metadata.Namespace : vm.Spec.ProviderRef.Namespace) == provider.Metadata.Namespace;

    /// <summary>Creates the VMClass <c>adopted-&lt;cpu&gt;cpu-&lt;mem&gt;mb</c> in <paramref name="ns"/> unless it exists; returns its name.</summary>
    private async Task<string> EnsureClassAsync(string ns, VMInfo info, HashSet<string> ensured, CancellationToken cancellationToken)
    {
        var name = AdoptionNaming.ClassName(info.Cpu, info.MemoryMib);
        if (ensured.Contains(name) || _classes.Get(ns, name) is not null)
        {
            return name;
        }

        var memory = info.MemoryMib > 0 ? info.MemoryMib : AdoptionNaming.DefaultMemoryMiB;
        try
        {
            await _client.VMClasses(ns).CreateAsync(new VMClass
            {
                Metadata = new ObjectMeta { Namespace = ns, Name = name, Labels = new Dictionary<string, string> { [VMAdoptionConventions.AdoptedLabel] = "true" } },
                Spec = new VMClassSpec
                {
                    Cpu = info.Cpu > 0 ? info.Cpu : AdoptionNaming.DefaultCpu,
                    Memory = Quantity.Parse(string.Create(CultureInfo.InvariantCulture, $"{memory}Mi")),
                    Firmware = FirmwareType.BIOS,
                },
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            // Made by an earlier pass or another adoption.
        }

        ensured.Add(name);
        return name;
    }

    /// <summary>The adopted VirtualMachine for <paramref name="info"/> (upstream's shape, plus provenance). Pure.</summary>
    internal static VirtualMachine NewVm(Api.V1Beta1.Provider provider, VMInfo info, string name, string className)
    {
        var ns = provider.Metadata.Namespace ?? "";
        var disk = info.Disks.FirstOrDefault();
        var format = disk?.Format.ToLowerInvariant();
        return new VirtualMachine
        {
            Metadata = new ObjectMeta
            {
                Namespace = ns,
                Name = name,
                Labels = new Dictionary<string, string> { [VMAdoptionConventions.AdoptedLabel] = "true" },
                Annotations = new Dictionary<string, string> { [VMAdoptionConventions.AdoptedFromAnnotation] = $"{provider.Metadata.Name}/{info.Name}" },
            },
            Spec = new VirtualMachineSpec
            {
                ProviderRef = new ObjectRef { Name = provider.Metadata.Name ?? "", Namespace = ns },
                ClassRef = new ObjectRef { Name = className, Namespace = ns },
                ImportedDisk = new ImportedDiskRef
                {
                    DiskID = info.Id,
                    Format = format is not null && DiskFormats.Contains(format) ? format : "qcow2",
                    Path = string.IsNullOrEmpty(disk?.Path) ? null : disk.Path,
                    Source = ImportedDiskSource.Manual,
                    SizeGiB = disk is { SizeGib: > 0 } ? disk.SizeGib : null,
                },
                PowerState = PowerOf(info.PowerState),
                Resources = info.Cpu > 0 || info.MemoryMib > 0
                    ? new VirtualMachineResources { Cpu = info.Cpu > 0 ? info.Cpu : null, MemoryMiB = info.MemoryMib > 0 ? info.MemoryMib : null }
                    : null,
            },
        };
    }

    /// <summary>The reported power state as the VM's desired one: adoption never changes a VM's power.</summary>
    private static PowerState PowerOf(string reported) =>
        string.Equals(reported, "On", StringComparison.OrdinalIgnoreCase) ? PowerState.On : PowerState.Off;

    /// <summary>Seeds the adopted VM's status (re-reading on conflict: the VM controller writes the new VM's status too).</summary>
    private async Task<VirtualMachine> SeedAsync(string ns, string name, VMInfo info, CancellationToken cancellationToken)
    {
        var client = _client.VirtualMachines(ns);
        for (var attempt = 1; ; attempt++)
        {
            var fresh = await client.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(fresh.Status?.Id))
            {
                return fresh;
            }

            var status = (fresh.Status ?? new VirtualMachineStatus()) with
            {
                Id = info.Id,
                PowerState = PowerOf(info.PowerState),
                Ips = info.Ips.Count > 0 ? [.. info.Ips] : null,
                Provider = info.ProviderRaw.Count > 0 ? new Dictionary<string, string>(info.ProviderRaw, StringComparer.Ordinal) : null,
                CurrentResources = info.Cpu > 0 && info.MemoryMib > 0 ? new VirtualMachineResources { Cpu = info.Cpu, MemoryMiB = info.MemoryMib } : null,
            };
            try
            {
                return await client.UpdateStatusAsync(fresh with { Status = status }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < _options.ConflictRetries)
            {
                // The VM controller wrote the new VM meanwhile; read it again.
            }
        }
    }

    /// <summary>What one discovery did.</summary>
    private sealed class AdoptionOutcome
    {
        public int Discovered { get; set; }

        public int Adopted { get; set; }

        public List<string> AdoptedNames { get; } = [];

        public List<string> Failures { get; } = [];

        public string Summary(int total) =>
            $"{total} VMs on the provider; {Discovered} unmanaged matched the filter; {Adopted} adopted; {Failures.Count} failed"
            + (Failures.Count > 0 ? ": " + Failures[0] + (Failures.Count > 1 ? $" (and {Failures.Count - 1} more)" : "") : "");
    }
}

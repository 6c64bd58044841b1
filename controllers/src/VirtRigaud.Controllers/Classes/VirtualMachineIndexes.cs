using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Classes;

/// <summary>
/// Indexes of the shared VirtualMachine informer by what each VM references, so usage counts and "who uses this"
/// lookups cost a dictionary read instead of a scan of every VM. Values are <c>namespace/name</c> of the referenced
/// object, with upstream's defaulting: providerRef/classRef/imageRef namespace or the VM's; network attachments always
/// in the VM's namespace (the VM controller resolves them there). Registering twice is harmless.
/// </summary>
public static class VirtualMachineIndexes
{
    /// <summary>By referenced Provider.</summary>
    public const string ByProvider = "virtrigaud.io/vms-by-provider";

    /// <summary>By referenced VMClass.</summary>
    public const string ByClass = "virtrigaud.io/vms-by-class";

    /// <summary>By referenced VMImage.</summary>
    public const string ByImage = "virtrigaud.io/vms-by-image";

    /// <summary>By referenced VMNetworkAttachment (one value per distinct attachment).</summary>
    public const string ByNetworkAttachment = "virtrigaud.io/vms-by-network-attachment";

    /// <summary>Adds the indexes to the manager's VirtualMachine informer unless present. Not thread-safe: call while composing.</summary>
    public static void Ensure(ControllerManager manager)
    {
        var informer = manager.Informers.InformerFor(ResourceDefinitions.VirtualMachines);
        var missing = new Dictionary<string, IndexFunc<VirtualMachine>>();
        Add(missing, informer.Indexer.IndexNames, ByProvider, vm => [Key(Or(vm.Spec.ProviderRef.Namespace, vm.Metadata.Namespace), vm.Spec.ProviderRef.Name)]);
        Add(missing, informer.Indexer.IndexNames, ByClass, vm => [Key(Or(vm.Spec.ClassRef.Namespace, vm.Metadata.Namespace), vm.Spec.ClassRef.Name)]);
        Add(missing, informer.Indexer.IndexNames, ByImage, vm => vm.Spec.ImageRef is { } image ? [Key(Or(image.Namespace, vm.Metadata.Namespace), image.Name)] : []);
        Add(missing, informer.Indexer.IndexNames, ByNetworkAttachment, vm =>
            (vm.Spec.Networks ?? []).Where(n => n.NetworkRef is not null).Select(n => Key(vm.Metadata.Namespace, n.NetworkRef!.Name)).Distinct(StringComparer.Ordinal));
        if (missing.Count > 0)
        {
            informer.AddIndexers(missing);
        }
    }

    /// <summary>The index value of the object <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public static string Key(string? ns, string? name) => $"{ns}/{name}";

    /// <summary>The VMs indexed under <paramref name="index"/> for the object <paramref name="ns"/>/<paramref name="name"/>.</summary>
    public static IReadOnlyList<VirtualMachine> Using(Lister<VirtualMachine> vms, string index, string? ns, string? name) => vms.ByIndex(index, Key(ns, name));

    /// <summary>The Provider a VM references, as (namespace, name).</summary>
    public static (string Namespace, string Name) ProviderOf(VirtualMachine vm) => (Or(vm.Spec.ProviderRef.Namespace, vm.Metadata.Namespace), vm.Spec.ProviderRef.Name);

    private static string Or(string? value, string? fallback) => string.IsNullOrEmpty(value) ? fallback ?? "" : value;

    private static void Add(Dictionary<string, IndexFunc<VirtualMachine>> missing, IReadOnlyCollection<string> present, string name, IndexFunc<VirtualMachine> func)
    {
        if (!present.Contains(name))
        {
            missing[name] = func;
        }
    }
}

using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// Descriptions <c>kubectl explain</c> prints for each kind's root, <c>spec</c> and <c>status</c>. The generated
/// schemas carry no field descriptions yet; these keep <c>kubectl explain vm</c> useful until they do.
/// </summary>
internal static class KindDescriptions
{
    private static readonly Dictionary<string, (string Root, string Spec, string Status)> ByKind = new(StringComparer.Ordinal)
    {
        [Kinds.VirtualMachine.Kind] = (
            "VirtualMachine is a virtual machine on a hypervisor provider, created from a class (size) and an image.",
            "The desired virtual machine: provider, class, image, networks, disks, placement, power state and guest initialisation.",
            "The observed virtual machine as the provider reports it: id, power state, IP addresses, console URL and conditions."),
        [Kinds.VMClass.Kind] = (
            "VMClass is a reusable size and hardware profile (CPU, memory, firmware, disk defaults) for virtual machines.",
            "The hardware profile virtual machines of this class get.",
            "Observed use of the class: how many virtual machines use it, and conditions."),
        [Kinds.VMImage.Kind] = (
            "VMImage is an operating system image virtual machines boot from, imported or referenced on providers.",
            "Where the image comes from for each provider type, and how it is prepared.",
            "The image's readiness and import progress, and the providers it is available on."),
        [Kinds.VMNetworkAttachment.Kind] = (
            "VMNetworkAttachment is a network virtual machines can attach to, with per-provider network configuration.",
            "The network: type, per-provider settings, IP allocation and security.",
            "The network's readiness, the providers it is available on and the virtual machines connected to it."),
        [Kinds.Provider.Kind] = (
            "Provider is a connection to a hypervisor (vSphere, libvirt, Proxmox) and the provider process that talks to it.",
            "The hypervisor endpoint, credentials secret, defaults, rate limits and how the provider process runs.",
            "The provider's health, capabilities, runtime state and the virtual machines it manages."),
        [Kinds.VMMigration.Kind] = (
            "VMMigration moves a virtual machine's disks and definition from one provider to another.",
            "The source virtual machine, the target provider and placement, storage for the transfer, and options.",
            "The migration phase, progress, transferred disks and conditions."),
        [Kinds.VMSnapshot.Kind] = (
            "VMSnapshot is a point-in-time snapshot of a virtual machine, optionally on a schedule with retention.",
            "The virtual machine to snapshot, snapshot options, schedule and retention.",
            "The snapshot phase, provider snapshot id, size, times and conditions."),
        [Kinds.VMClone.Kind] = (
            "VMClone creates a new virtual machine as a full or linked clone of an existing one, with guest customisation.",
            "The source, the target virtual machine, clone options and customisation.",
            "The clone phase, progress, the created virtual machine and conditions."),
        [Kinds.VMSet.Kind] = (
            "VMSet keeps a number of identical virtual machines from a template, with ordered or parallel rolling updates.",
            "The desired replicas, selector, virtual machine template, update strategy and volume claim templates.",
            "The observed replicas (ready, available, updated), update progress and conditions."),
        [Kinds.VMPlacementPolicy.Kind] = (
            "VMPlacementPolicy constrains where virtual machines are placed: hosts, clusters, datastores, zones and (anti-)affinity.",
            "The placement constraints, affinity and anti-affinity rules, and priority.",
            "Which virtual machines use the policy, placement statistics, conflicts and conditions."),
    };

    /// <summary>The descriptions of a kind; every kind of <see cref="Kinds.All"/> has them.</summary>
    public static (string Root, string Spec, string Status) For(KindInfo kind) => ByKind[kind.Kind];
}

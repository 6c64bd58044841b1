using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The ten kinds of <c>infra.virtrigaud.io/v1beta1</c>. Names, short names and printer columns are those of the
/// upstream CRDs (the README's short names were wrong; these are the real ones), except where upstream was broken:
/// VMPlacementPolicy's "Used By VMs" is a count here (upstream printed an integer column over an array of objects),
/// VirtualMachine has no scale subresource (upstream declared one over fields that do not exist), and VMSet's scale
/// subresource has a real <c>status.selector</c>.
/// </summary>
public static class Kinds
{
    private const string Age = ".metadata.creationTimestamp";

    public static KindInfo VirtualMachine { get; } = new(
        V1Beta1.VirtualMachine.KindName, "virtualmachines", "virtualmachine", ["vm"],
        V1Beta1JsonContext.Default.VirtualMachine,
        [
            new("Phase", "string", ".status.phase"),
            new("Provider", "string", ".spec.providerRef.name"),
            new("Class", "string", ".spec.classRef.name"),
            new("Image", "string", ".spec.imageRef.name"),
            new("IPs", "string", ".status.ips[*]"),
            AgeColumn(),
        ],
        null,
        (o, e) => VirtualMachineValidation.Validate((VirtualMachine)o, e));

    public static KindInfo VMClass { get; } = new(
        V1Beta1.VMClass.KindName, "vmclasses", "vmclass", ["vmclass"],
        V1Beta1JsonContext.Default.VMClass,
        [
            new("CPU", "integer", ".spec.cpu"),
            new("Memory", "string", ".spec.memory"),
            new("Firmware", "string", ".spec.firmware"),
            new("Used By", "integer", ".status.usedByVMs"),
            AgeColumn(),
        ],
        null,
        (o, e) => VMClassValidation.Validate((VMClass)o, e));

    public static KindInfo VMImage { get; } = new(
        V1Beta1.VMImage.KindName, "vmimages", "vmimage", ["vmimg"],
        V1Beta1JsonContext.Default.VMImage,
        [
            new("Ready", "boolean", ".status.ready"),
            new("Phase", "string", ".status.phase"),
            new("Size", "string", ".status.size"),
            new("Providers", "string", ".status.availableOn[*]"),
            AgeColumn(),
        ],
        null,
        (o, e) => VMImageValidation.Validate((VMImage)o, e));

    public static KindInfo VMNetworkAttachment { get; } = new(
        V1Beta1.VMNetworkAttachment.KindName, "vmnetworkattachments", "vmnetworkattachment", ["vmnet"],
        V1Beta1JsonContext.Default.VMNetworkAttachment,
        [
            new("Ready", "boolean", ".status.ready"),
            new("Type", "string", ".spec.network.type"),
            new("Connected VMs", "integer", ".status.connectedVMs"),
            new("Providers", "string", ".status.availableOn[*]"),
            AgeColumn(),
        ],
        null,
        (o, e) => VMNetworkAttachmentValidation.Validate((VMNetworkAttachment)o, e));

    public static KindInfo Provider { get; } = new(
        V1Beta1.Provider.KindName, "providers", "provider", ["prov"],
        V1Beta1JsonContext.Default.Provider,
        [
            new("Type", "string", ".spec.type"),
            new("Endpoint", "string", ".spec.endpoint"),
            new("Healthy", "boolean", ".status.healthy"),
            new("Connected VMs", "integer", ".status.connectedVMs"),
            AgeColumn(),
        ],
        null,
        (o, e) => ProviderValidation.Validate((Provider)o, e));

    public static KindInfo VMMigration { get; } = new(
        V1Beta1.VMMigration.KindName, "vmmigrations", "vmmigration", ["vmmig"],
        V1Beta1JsonContext.Default.VMMigration,
        [
            new("Source", "string", ".spec.source.vmRef.name"),
            new("Target", "string", ".spec.target.name"),
            new("Phase", "string", ".status.phase"),
            new("Progress", "string", ".status.progress.percentage"),
            AgeColumn(),
        ],
        null,
        (o, e) => VMMigrationValidation.Validate((VMMigration)o, e));

    public static KindInfo VMSnapshot { get; } = new(
        V1Beta1.VMSnapshot.KindName, "vmsnapshots", "vmsnapshot", ["vmsnap"],
        V1Beta1JsonContext.Default.VMSnapshot,
        [
            new("VM", "string", ".spec.vmRef.name"),
            new("Phase", "string", ".status.phase"),
            new("Size", "string", ".status.size"),
            new("Created", "date", ".status.creationTime"),
            new("Expires", "date", ".status.expiryTime"),
            AgeColumn(),
        ],
        null,
        (o, e) => VMSnapshotValidation.Validate((VMSnapshot)o, e));

    public static KindInfo VMClone { get; } = new(
        V1Beta1.VMClone.KindName, "vmclones", "vmclone", ["vmclone"],
        V1Beta1JsonContext.Default.VMClone,
        [
            new("Source", "string", ".spec.source.vmRef.name"),
            new("Target", "string", ".spec.target.name"),
            new("Phase", "string", ".status.phase"),
            new("Clone Type", "string", ".status.actualCloneType"),
            new("Progress", "string", ".status.progress.overallPercentage"),
            AgeColumn(),
        ],
        null,
        (o, e) => VMCloneValidation.Validate((VMClone)o, e));

    public static KindInfo VMSet { get; } = new(
        V1Beta1.VMSet.KindName, "vmsets", "vmset", ["vmset"],
        V1Beta1JsonContext.Default.VMSet,
        [
            new("Desired", "integer", ".spec.replicas"),
            new("Current", "integer", ".status.replicas"),
            new("Ready", "integer", ".status.readyReplicas"),
            new("Updated", "integer", ".status.updatedReplicas"),
            AgeColumn(),
        ],
        new ScaleSubresourcePaths(".spec.replicas", ".status.replicas", ".status.selector"),
        (o, e) => VMSetValidation.Validate((VMSet)o, e));

    public static KindInfo VMPlacementPolicy { get; } = new(
        V1Beta1.VMPlacementPolicy.KindName, "vmplacementpolicies", "vmplacementpolicy", ["vmpp"],
        V1Beta1JsonContext.Default.VMPlacementPolicy,
        [
            new("Used By VMs", "integer", ".status.usedByVMs") { Compute = CountUsedByVMs },
            new("Priority", "integer", ".spec.priority"),
            new("Successful", "integer", ".status.placementStats.successfulPlacements"),
            new("Failed", "integer", ".status.placementStats.failedPlacements"),
            AgeColumn(),
        ],
        null,
        (o, e) => VMPlacementPolicyValidation.Validate((VMPlacementPolicy)o, e));

    /// <summary>All ten kinds, in the order of API-REFERENCE.md §1.</summary>
    public static IReadOnlyList<KindInfo> All { get; } =
        [VirtualMachine, VMClass, VMImage, VMNetworkAttachment, Provider, VMMigration, VMSnapshot, VMClone, VMSet, VMPlacementPolicy];

    /// <summary>The kind with this name (<c>VirtualMachine</c>), or <c>null</c>.</summary>
    public static KindInfo? ByKind(string kind) => All.FirstOrDefault(k => k.Kind == kind);

    /// <summary>The kind with this resource name (<c>virtualmachines</c>), or <c>null</c>.</summary>
    public static KindInfo? ByPlural(string plural) => All.FirstOrDefault(k => k.Plural == plural);

    /// <summary>
    /// The kind a user means by a name, as kubectl resolves it: plural, singular, short name or kind, case-insensitive.
    /// </summary>
    public static KindInfo? Resolve(string name) => All.FirstOrDefault(k =>
        string.Equals(k.Plural, name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(k.Singular, name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(k.Kind, name, StringComparison.OrdinalIgnoreCase)
        || k.ShortNames.Any(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase)));

    private static PrinterColumn AgeColumn() => new("Age", "date", Age);

    private static JsonNode? CountUsedByVMs(JsonNode obj) =>
        obj["status"]?["usedByVMs"] is JsonArray a ? JsonValue.Create(a.Count) : JsonValue.Create(0);
}

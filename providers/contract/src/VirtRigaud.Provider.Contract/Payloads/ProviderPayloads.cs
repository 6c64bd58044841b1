using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// Writes and reads the JSON payloads carried in string fields of provider.v1 requests, in the exact bytes an upstream
/// Go manager writes (<see cref="GoJson"/> lists the encoding rules). Two families:
/// <code>
/// field                               shape                                   names
/// Create class_json                   ClassPayload (contracts.VMClass)        PascalCase, all fields written
/// Create image_json                   ImagePayload                            PascalCase
/// Create networks_json                NetworkAttachmentPayload[]              PascalCase
/// Create disks_json                   DiskPayload[]                           PascalCase
/// Create placement_json               PlacementPayload ("" when none)         PascalCase
/// Reconfigure desired_json            ReconfigureDesiredPayload               PascalCase
/// Export/Import storage_options_json  StorageOptionsPayload ("" for pvc)      camelCase, omitempty but usePathStyle
/// Clone class_json                    api/v1beta1 VMClassSpec                 camelCase CRD JSON, Go omitempty rules
/// Clone placement_json                ClonePlacementPayload {"name":…}        camelCase
/// Clone customize_json                api/v1beta1 VMCustomization             camelCase CRD JSON
/// ImagePrepare image_json             api/v1beta1 VMImageSpec                 camelCase CRD JSON
/// </code>
/// <c>Serialize…</c> methods are pure. <c>Parse…</c> methods read like Go's <c>json.Unmarshal</c> (names
/// case-insensitive for the PascalCase family, unknown members ignored), return <c>null</c> for an empty field
/// (the payload was not sent) and throw <see cref="ProviderPayloadException"/> for JSON that does not fit. Thread-safe.
/// </summary>
public static class ProviderPayloads
{
    private const long MiB = 1024 * 1024;
    private const long GiB = 1024 * 1024 * 1024;

    private static readonly GoShape ClassShape = new() { Maps = Set("ExtraConfig") };

    private static readonly GoShape PlainShape = new();

    private static readonly GoShape DesiredShape = new() { Maps = Set("Class.ExtraConfig") };

    private static readonly GoShape StorageOptionsShape = new()
    {
        OmitEmpty = true,
        KeepZero = Set("usePathStyle", "uid", "gid"),
    };

    // Go types: api/infra.virtrigaud.io/v1beta1 vmclass_types.go. KeepZero = fields without omitempty, and pointers.
    private static readonly GoShape CloneClassShape = new()
    {
        OmitEmpty = true,
        KeepZero = Set("cpu", "memory", "diskDefaults.iops", "resourceLimits.cpuLimit", "resourceLimits.cpuReservation", "resourceLimits.cpuShares"),
        Maps = Set("extraConfig"),
        Quantities = Set("memory", "diskDefaults.size", "resourceLimits.memoryLimit", "resourceLimits.memoryReservation"),

        // DiskDefaults.Size is a resource.Quantity value: omitempty does not apply to structs, a zero one prints "0".
        StructZeroValues = [("diskDefaults", "size", "\"0\"", "type")],
    };

    // Go types: vmclone_types.go (VMCustomization and below), virtualmachine_types.go (UserData).
    private static readonly GoShape CustomizationShape = new()
    {
        OmitEmpty = true,
        KeepZero = Set(
            "networks[].name",
            "userData.cloudInit.secretRef.name",
            "userData.ignition.secretRef.name",
            "sysprep.adminPassword.secretRef.name",
            "sysprep.joinDomain.domain",
            "sysprep.joinDomain.username",
            "sysprep.joinDomain.password",
            "sysprep.joinDomain.password.secretRef.name",
            "guestCommands[].command",
            "certificates[].name",
            "certificates[].secretRef.name"),
        Durations = Set("guestCommands[].timeout"),
        StructZeroValues = [("sysprep.joinDomain", "password", "{}", "username")],
    };

    // Go types: vmimage_types.go.
    private static readonly GoShape ImageSpecShape = new()
    {
        OmitEmpty = true,
        KeepZero = Set(
            "source",
            "source.vsphere.contentLibrary.library",
            "source.vsphere.contentLibrary.item",
            "source.vsphere.providerRef.name",
            "source.http.url",
            "source.http.authentication.basicAuth.secretRef",
            "source.http.authentication.basicAuth.secretRef.name",
            "source.http.authentication.bearer.secretRef",
            "source.http.authentication.bearer.secretRef.name",
            "source.http.authentication.clientCert.secretRef",
            "source.http.authentication.clientCert.secretRef.name",
            "source.registry.image",
            "source.registry.pullSecretRef.name",
            "source.dataVolume.name",
            "source.proxmox.templateID",
            "source.proxmox.fullClone",
            "prepare.retries",
            "prepare.storage.vsphere.thinProvisioned"),
        Maps = Set("source.http.headers", "metadata.tags", "metadata.annotations"),
        Durations = Set("source.http.timeout", "prepare.timeout"),
        StructZeroValues = [("", "source", "{}", null)],
    };

    /// <summary>Create class_json.</summary>
    public static string SerializeClass(ClassPayload value) => Write(ClassShape, value, GoPayloadJsonContext.Default.ClassPayload);

    /// <summary>Reads Create class_json; <c>null</c> when empty.</summary>
    public static ClassPayload? ParseClass(string? json) => Read(json, "class_json", GoPayloadJsonContext.Default.ClassPayload);

    /// <summary>Create image_json.</summary>
    public static string SerializeImage(ImagePayload value) => Write(PlainShape, value, GoPayloadJsonContext.Default.ImagePayload);

    /// <summary>Reads Create image_json; <c>null</c> when empty.</summary>
    public static ImagePayload? ParseImage(string? json) => Read(json, "image_json", GoPayloadJsonContext.Default.ImagePayload);

    /// <summary>Create networks_json. <c>null</c> (Go's nil slice) writes <c>null</c>, an empty list <c>[]</c>.</summary>
    public static string SerializeNetworks(IReadOnlyList<NetworkAttachmentPayload>? value) =>
        Write(PlainShape, value, GoPayloadJsonContext.Default.IReadOnlyListNetworkAttachmentPayload);

    /// <summary>Reads Create networks_json; <c>null</c> when empty or <c>null</c>.</summary>
    public static IReadOnlyList<NetworkAttachmentPayload>? ParseNetworks(string? json) =>
        Read(json, "networks_json", GoPayloadJsonContext.Default.IReadOnlyListNetworkAttachmentPayload);

    /// <summary>Create disks_json. <c>null</c> writes <c>null</c>, an empty list <c>[]</c>.</summary>
    public static string SerializeDisks(IReadOnlyList<DiskPayload>? value) =>
        Write(PlainShape, value, GoPayloadJsonContext.Default.IReadOnlyListDiskPayload);

    /// <summary>Reads Create disks_json; <c>null</c> when empty or <c>null</c>.</summary>
    public static IReadOnlyList<DiskPayload>? ParseDisks(string? json) => Read(json, "disks_json", GoPayloadJsonContext.Default.IReadOnlyListDiskPayload);

    /// <summary>Create placement_json; <c>""</c> for no placement, as the upstream manager sends.</summary>
    public static string SerializePlacement(PlacementPayload? value) =>
        value is null ? "" : Write(PlainShape, value, GoPayloadJsonContext.Default.PlacementPayload);

    /// <summary>Reads Create placement_json; <c>null</c> when empty.</summary>
    public static PlacementPayload? ParsePlacement(string? json) => Read(json, "placement_json", GoPayloadJsonContext.Default.PlacementPayload);

    /// <summary>Reconfigure desired_json. May contain cloud-init secrets: never log the result.</summary>
    public static string SerializeReconfigureDesired(ReconfigureDesiredPayload value) =>
        Write(DesiredShape, value, GoPayloadJsonContext.Default.ReconfigureDesiredPayload);

    /// <summary>Reads Reconfigure desired_json; <c>null</c> when empty.</summary>
    public static ReconfigureDesiredPayload? ParseReconfigureDesired(string? json) =>
        Read(json, "desired_json", GoPayloadJsonContext.Default.ReconfigureDesiredPayload);

    /// <summary>Export/Import storage_options_json; <c>""</c> for <c>null</c> (the pvc backend).</summary>
    public static string SerializeStorageOptions(StorageOptionsPayload? value) =>
        value is null ? "" : Write(StorageOptionsShape, value, GoPayloadJsonContext.Default.StorageOptionsPayload);

    /// <summary>Reads storage_options_json; <c>null</c> when empty (pvc).</summary>
    public static StorageOptionsPayload? ParseStorageOptions(string? json) =>
        Read(json, "storage_options_json", GoPayloadJsonContext.Default.StorageOptionsPayload);

    /// <summary>Clone class_json: the VMClass spec as Go's CRD type encodes it (quantities canonical, false/empty left out).</summary>
    public static string SerializeCloneClass(VMClassSpec value) => Write(CloneClassShape, value, V1Beta1JsonContext.Default.VMClassSpec);

    /// <summary>Reads Clone class_json; <c>null</c> when empty (keep the source's sizing).</summary>
    public static VMClassSpec? ParseCloneClass(string? json) => Read(json, "class_json", V1Beta1JsonContext.Default.VMClassSpec);

    /// <summary>Clone placement_json: <c>{"name":"…"}</c>, or <c>""</c> when there is no placement policy.</summary>
    public static string SerializeClonePlacement(string? placementPolicyName) =>
        string.IsNullOrEmpty(placementPolicyName)
            ? ""
            : Write(PlainShape, new ClonePlacementPayload { Name = placementPolicyName }, GoPayloadJsonContext.Default.ClonePlacementPayload);

    /// <summary>Reads Clone placement_json; <c>null</c> when empty.</summary>
    public static ClonePlacementPayload? ParseClonePlacement(string? json) =>
        Read(json, "placement_json", GoPayloadJsonContext.Default.ClonePlacementPayload);

    /// <summary>Clone customize_json: the VMCustomization as Go's CRD type encodes it. May hold passwords: never log it.</summary>
    public static string SerializeCustomization(VMCustomization value) => Write(CustomizationShape, value, V1Beta1JsonContext.Default.VMCustomization);

    /// <summary>Reads Clone customize_json; <c>null</c> when empty.</summary>
    public static VMCustomization? ParseCustomization(string? json) => Read(json, "customize_json", V1Beta1JsonContext.Default.VMCustomization);

    /// <summary>ImagePrepare image_json: the VMImage spec as Go's CRD type encodes it.</summary>
    public static string SerializeImageSpec(VMImageSpec value) => Write(ImageSpecShape, value, V1Beta1JsonContext.Default.VMImageSpec);

    /// <summary>Reads ImagePrepare image_json; <c>null</c> when empty.</summary>
    public static VMImageSpec? ParseImageSpec(string? json) => Read(json, "image_json", V1Beta1JsonContext.Default.VMImageSpec);

    /// <summary>
    /// The Create class payload of a VMClass, as the upstream manager builds it: CPU and MemoryMiB from the class
    /// (a VirtualMachine's spec.resources do not apply), MemoryMiB = bytes / 1 MiB and DiskDefaults.SizeGiB = bytes /
    /// 1 GiB (truncated, converted to int32 as Go's <c>int32()</c> does), the CRD's encryptionPolicy flattened into
    /// the security profile, memory limits in MiB clamped to the int32 range. Pure.
    /// </summary>
    public static ClassPayload ClassFromSpec(VMClassSpec spec)
    {
        // Enum values are written as their wire names by the v1beta1 contract; read them from there.
        var node = JsonSerializer.SerializeToNode(spec, V1Beta1JsonContext.Default.VMClassSpec)!.AsObject();
        return new ClassPayload
        {
            Cpu = spec.Cpu,
            MemoryMiB = unchecked((int)(spec.Memory.Value() / MiB)),
            Firmware = Text(node["firmware"]),
            DiskDefaults = spec.DiskDefaults is { } disk
                ? new DiskDefaultsPayload { Type = Text(node["diskDefaults"]?["type"]), SizeGiB = unchecked((int)((disk.Size?.Value() ?? 0) / GiB)) }
                : null,
            GuestToolsPolicy = Text(node["guestToolsPolicy"]),
            ExtraConfig = spec.ExtraConfig,
            PerformanceProfile = spec.PerformanceProfile is { } performance
                ? new PerformanceProfilePayload
                {
                    LatencySensitivity = performance.LatencySensitivity ?? "",
                    CpuHotAddEnabled = performance.CpuHotAddEnabled ?? false,
                    MemoryHotAddEnabled = performance.MemoryHotAddEnabled ?? false,
                    VirtualizationBasedSecurity = performance.VirtualizationBasedSecurity ?? false,
                    NestedVirtualization = performance.NestedVirtualization ?? false,
                    HyperThreadingPolicy = performance.HyperThreadingPolicy ?? "",
                }
                : null,
            SecurityProfile = spec.SecurityProfile is { } security
                ? new SecurityProfilePayload
                {
                    SecureBoot = security.SecureBoot ?? false,
                    TpmEnabled = security.TpmEnabled ?? false,
                    TpmVersion = security.TpmVersion ?? "",
                    VtdEnabled = security.VtdEnabled ?? false,
                    EncryptionEnabled = security.EncryptionPolicy?.Enabled ?? false,
                    KeyProvider = security.EncryptionPolicy?.KeyProvider ?? "",
                    RequireEncryption = security.EncryptionPolicy?.RequireEncryption ?? false,
                }
                : null,
            ResourceLimits = spec.ResourceLimits is { } limits
                ? new ResourceLimitsPayload
                {
                    CpuLimit = limits.CpuLimit,
                    CpuReservation = limits.CpuReservation,
                    MemoryLimitMiB = limits.MemoryLimit is { } memoryLimit ? ClampMiB(memoryLimit.Value()) : null,
                    MemoryReservationMiB = limits.MemoryReservation is { } memoryReservation ? ClampMiB(memoryReservation.Value()) : null,
                    CpuShares = limits.CpuShares,
                }
                : null,
        };
    }

    private static int ClampMiB(long bytes) => (int)Math.Clamp(bytes / MiB, int.MinValue, int.MaxValue);

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";

    private static string Write<T>(GoShape shape, T value, JsonTypeInfo<T> typeInfo) =>
        shape.Write(JsonSerializer.SerializeToNode(value, typeInfo));

    private static T? Read<T>(string? json, string field, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (JsonException e)
        {
            // JsonException messages name the path and position, never the values.
            throw new ProviderPayloadException(field, $"not a valid {typeof(T).Name} payload: {e.Message}", e);
        }
    }

    private static HashSet<string> Set(params string[] paths) => new(paths, StringComparer.Ordinal);
}

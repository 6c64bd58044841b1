using System.Text.Json.Nodes;
using VirtRigaud.Provider.Contract.Payloads;

namespace VirtRigaud.Provider.Conformance;

/// <summary>
/// The inputs' JSON turned into the contract's typed payloads and written back with
/// <see cref="ProviderPayloads"/>, so that every request carries exactly the bytes an upstream Go manager would send
/// (field order, null for absent pointers and slices, no keys the manager's structs lack). An input that does not fit
/// its payload fails the case with a message naming the input. Pure.
/// </summary>
internal static class FixturePayloads
{
    public static ClassPayload Class(JsonObject node) =>
        Parse("create.class", () => ProviderPayloads.ParseClass(node.ToJsonString())) ?? new ClassPayload();

    public static ImagePayload Image(JsonObject node, string input = "create.image") =>
        Parse(input, () => ProviderPayloads.ParseImage(node.ToJsonString())) ?? new ImagePayload();

    public static IReadOnlyList<NetworkAttachmentPayload>? Networks(JsonArray? node) =>
        node is null ? null : Parse("create.networks", () => ProviderPayloads.ParseNetworks(node.ToJsonString()));

    public static IReadOnlyList<DiskPayload>? Disks(JsonArray? node) =>
        node is null ? null : Parse("create.disks", () => ProviderPayloads.ParseDisks(node.ToJsonString()));

    public static PlacementPayload? Placement(JsonObject? node) =>
        node is null ? null : Parse("create.placement", () => ProviderPayloads.ParsePlacement(node.ToJsonString()));

    /// <summary>Clone class_json: "" when the inputs give none (keep the source's sizing).</summary>
    public static string CloneClassJson(JsonObject? node) =>
        node is null ? "" : ProviderPayloads.SerializeCloneClass(Parse("clone.class", () => ProviderPayloads.ParseCloneClass(node.ToJsonString()))!);

    /// <summary>Clone customize_json: "" when the inputs give none.</summary>
    public static string CustomizeJson(JsonObject? node) =>
        node is null ? "" : ProviderPayloads.SerializeCustomization(Parse("clone.customize", () => ProviderPayloads.ParseCustomization(node.ToJsonString()))!);

    /// <summary>ImagePrepare image_json: the VMImageSpec as the Go CRD type encodes it.</summary>
    public static string ImageSpecJson(JsonObject node, string input) =>
        ProviderPayloads.SerializeImageSpec(Parse(input, () => ProviderPayloads.ParseImageSpec(node.ToJsonString()))!);

    /// <summary>storage_options_json: "" for none (pvc).</summary>
    public static string StorageOptionsJson(JsonObject? node) =>
        node is null ? "" : ProviderPayloads.SerializeStorageOptions(Parse("diskTransfer.storageOptions", () => ProviderPayloads.ParseStorageOptions(node.ToJsonString())));

    /// <summary>The JSON form of a payload, for the fixture's defaults.</summary>
    public static JsonObject ToNode(string json) => JsonNode.Parse(json)!.AsObject();

    private static T Parse<T>(string input, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ProviderPayloadException e)
        {
            throw new ConformanceCaseFailedException($"inputs: {input} does not fit the contract's payload: {e.Message}", e);
        }
    }
}

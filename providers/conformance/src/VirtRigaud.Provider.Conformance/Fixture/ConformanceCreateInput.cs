using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VirtRigaud.Provider.Contract.Payloads;

namespace VirtRigaud.Provider.Conformance;

/// <summary>
/// The payloads of every CreateRequest the suite sends, in the upstream manager's Go PascalCase shapes (API-REFERENCE
/// §2.3; the typed records of <c>VirtRigaud.Provider.Contract.Payloads</c>). The suite reads them into those records
/// and writes them with <c>ProviderPayloads</c>, so that the provider receives exactly what a manager sends (keys the
/// manager's structs lack are dropped, as Go would never send them). Reconfigure reuses them with another CPU and
/// MemoryMiB.
/// </summary>
public sealed record ConformanceCreateInput
{
    /// <summary><c>class_json</c>: contracts.VMClass. Default: 1 vCPU, 512 MiB, BIOS firmware.</summary>
    [JsonPropertyName("class")]
    public JsonObject Class { get; set; } =
        FixturePayloads.ToNode(ProviderPayloads.SerializeClass(new ClassPayload { Cpu = 1, MemoryMiB = 512, Firmware = "BIOS" }));

    /// <summary><c>image_json</c>: contracts.VMImage. Default: the upstream manager's defaults for an image without a source.</summary>
    [JsonPropertyName("image")]
    public JsonObject Image { get; set; } =
        FixturePayloads.ToNode(ProviderPayloads.SerializeImage(new ImagePayload { Format = "template", ChecksumType = "sha256" }));

    /// <summary><c>networks_json</c>: []contracts.NetworkAttachment. Default: one attachment to a network named <c>default</c>; <c>null</c> sends Go's nil slice.</summary>
    [JsonPropertyName("networks")]
    public JsonArray? Networks { get; set; } =
        JsonNode.Parse(ProviderPayloads.SerializeNetworks([new NetworkAttachmentPayload { Name = "default", NetworkName = "default" }]))!.AsArray();

    /// <summary><c>disks_json</c>: []contracts.DiskSpec (extra disks). Default: none (<c>null</c>, as Go encodes a nil slice).</summary>
    [JsonPropertyName("disks")]
    public JsonArray? Disks { get; set; }

    /// <summary><c>placement_json</c>: contracts.Placement; <c>null</c> (the default) sends an empty string, as the manager does without placement.</summary>
    [JsonPropertyName("placement")]
    public JsonObject? Placement { get; set; }

    /// <summary><c>user_data</c>: cloud-init user data. Never echoed in steps or reports.</summary>
    [JsonPropertyName("userData")]
    public string UserData { get; set; } = "#cloud-config\n";

    /// <summary>
    /// <c>meta_data</c>: cloud-init meta-data; <c>{name}</c> is replaced by the VM name. Default: instance-id and
    /// local-hostname set to the name, as the upstream manager renders them.
    /// </summary>
    [JsonPropertyName("metaData")]
    public string MetaData { get; set; } = "instance-id: {name}\nlocal-hostname: {name}\n";

    /// <summary><c>tags</c>.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; set; } = ["virtrigaud-conformance"];
}

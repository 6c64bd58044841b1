using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// CreateRequest.image_json: upstream contracts.VMImage. The manager fills TemplateName (vSphere template, Proxmox
/// template name or decimal template ID, or a prepared image's id), Path/URL/Format (libvirt, imported disks) and
/// checksums; Format defaults to "template" and ChecksumType to "sha256" on the manager side. Go field names, every
/// field always written (no json tags upstream); see GoJson for the encoding rules.
/// </summary>
public sealed record ImagePayload
{
    [JsonPropertyName("TemplateName")]
    public string TemplateName { get; init; } = "";

    [JsonPropertyName("Path")]
    public string Path { get; init; } = "";

    [JsonPropertyName("URL")]
    public string Url { get; init; } = "";

    [JsonPropertyName("Format")]
    public string Format { get; init; } = "";

    [JsonPropertyName("Checksum")]
    public string Checksum { get; init; } = "";

    [JsonPropertyName("ChecksumType")]
    public string ChecksumType { get; init; } = "";
}

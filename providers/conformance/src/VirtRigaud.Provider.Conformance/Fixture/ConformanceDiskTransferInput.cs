using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Conformance;

/// <summary>
/// Where the export/import round trip moves a disk. The URL is seen from the provider: with the default
/// <c>file://</c> template both copies stay on the provider's host. Credentials are secret: they go into the requests
/// only, never into steps, reports or <see cref="object.ToString"/>.
/// </summary>
public sealed record ConformanceDiskTransferInput
{
    /// <summary>The default <see cref="UrlTemplate"/>.</summary>
    public const string DefaultUrlTemplate = "file:///tmp/virtrigaud-conformance/{name}.{format}";

    /// <summary>
    /// The export destination and import source; <c>{name}</c> becomes the run-prefixed disk name and <c>{format}</c>
    /// the disk format (qcow2, raw or vmdk).
    /// </summary>
    [JsonPropertyName("urlTemplate")]
    public string UrlTemplate { get; set; } = DefaultUrlTemplate;

    /// <summary><c>backend_type</c>: "" (legacy pvc), "pvc", "nfs" or "s3".</summary>
    [JsonPropertyName("backendType")]
    public string BackendType { get; set; } = "";

    /// <summary><c>transfer_mode</c>: "" (relay), "auto", "relay" or "direct".</summary>
    [JsonPropertyName("transferMode")]
    public string TransferMode { get; set; } = "";

    /// <summary><c>storage_options_json</c> (camelCase, <c>usePathStyle</c> always present); <c>null</c> sends "" as for pvc.</summary>
    [JsonPropertyName("storageOptions")]
    public JsonObject? StorageOptions { get; set; }

    /// <summary><c>credentials</c> (s3: accessKeyID, secretAccessKey, sessionToken). Secret.</summary>
    [JsonPropertyName("credentials")]
    public IReadOnlyDictionary<string, string> Credentials { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The URL of disk <paramref name="name"/> in <paramref name="format"/>.</summary>
    public string UrlFor(string name, string format) =>
        UrlTemplate.Replace("{name}", name, StringComparison.Ordinal).Replace("{format}", format, StringComparison.Ordinal);

    /// <summary>Everything but the credentials' values.</summary>
    public override string ToString() =>
        $"{nameof(ConformanceDiskTransferInput)} {{ UrlTemplate = {UrlTemplate}, BackendType = {BackendType}, TransferMode = {TransferMode}, Credentials = [{string.Join(", ", Credentials.Keys)}] (values redacted) }}";
}

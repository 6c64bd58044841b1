using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Conformance;

/// <summary>
/// The provider-specific inputs of a conformance run: what to put in the requests so that a real hypervisor can carry
/// them out (an image that exists there, a class it can size, networks it has, where exported disks may go). The
/// command-line tool reads it from <c>--inputs inputs.json</c> (camelCase, unknown keys rejected); a provider's xunit
/// test class builds it in code. Every part has a default that suits a provider which accepts anything (the mock).
/// The suite never changes a fixture.
/// </summary>
/// <remarks>
/// The input records have setters rather than <c>init</c>: the source-generated reader assigns every init-only property
/// through an object initializer, which would overwrite the defaults of keys absent from the file with <c>null</c>.
/// Build them with object initializers and treat them as immutable.
/// </remarks>
/// <example>
/// <code>
/// {
///   "create": { "class": { "CPU": 1, "MemoryMiB": 512 }, "image": { "Path": "/var/lib/libvirt/images/base.qcow2", "Format": "qcow2" },
///               "networks": [ { "Name": "default", "NetworkName": "default" } ] },
///   "reconfigure": { "cpu": 2, "memoryMiB": 1024 },
///   "imagePrepare": { "image": { "source": { "http": { "url": "https://example.org/cirros.qcow2" } } } },
///   "diskTransfer": { "urlTemplate": "file:///var/tmp/conformance/{name}.{format}" }
/// }
/// </code>
/// </example>
public sealed record ConformanceFixture
{
    /// <summary>A new fixture with every default (for a provider that accepts anything, such as the mock).</summary>
    public static ConformanceFixture Default => new();

    /// <summary>What Create is asked to build (Go PascalCase payloads, as the upstream manager sends them).</summary>
    public ConformanceCreateInput Create { get; set; } = new();

    /// <summary>The sizing the reconfigure case moves the VM to.</summary>
    public ConformanceReconfigureInput Reconfigure { get; set; } = new();

    /// <summary>What Clone sends besides the source and the name.</summary>
    [JsonPropertyName("clone")]
    public ConformanceCloneInput Cloning { get; set; } = new();

    /// <summary>The image the image-prepare case imports; <c>null</c> fails that case when the provider advertises image import.</summary>
    public ConformanceImagePrepareInput? ImagePrepare { get; set; }

    /// <summary>Where the export/import round trip puts the disk.</summary>
    public ConformanceDiskTransferInput DiskTransfer { get; set; } = new();

    /// <summary>What the console case types and expects.</summary>
    public ConformanceConsoleInput Console { get; set; } = new();

    /// <summary>Parses inputs JSON (see the example); unknown keys and malformed values are errors.</summary>
    /// <exception cref="JsonException">The JSON is malformed, has unknown keys, or a value has the wrong type.</exception>
    public static ConformanceFixture Parse(string json) =>
        JsonSerializer.Deserialize(json, ConformanceFixtureJsonContext.Default.ConformanceFixture)
        ?? throw new JsonException("inputs JSON is null; want an object");

    /// <summary>Reads and parses an inputs file.</summary>
    /// <exception cref="JsonException">The file is not valid inputs JSON (the message names the file).</exception>
    public static async Task<ConformanceFixture> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return Parse(json);
        }
        catch (JsonException e)
        {
            throw new JsonException($"{path}: {e.Message}", e);
        }
    }
}

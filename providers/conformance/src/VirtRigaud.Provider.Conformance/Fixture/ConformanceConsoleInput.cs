using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Conformance;

/// <summary>What the console case types into the serial console and whether it waits for an answer.</summary>
public sealed record ConformanceConsoleInput
{
    /// <summary>The bytes typed (UTF-8) once the session is open. Default a carriage return, which wakes a login prompt.</summary>
    [JsonPropertyName("probe")]
    public string Probe { get; set; } = "\r";

    /// <summary>
    /// Whether the console must produce at least one byte within the console timeout after the probe. True by default;
    /// set false for a guest whose serial console stays silent.
    /// </summary>
    [JsonPropertyName("expectOutput")]
    public bool ExpectOutput { get; set; } = true;
}

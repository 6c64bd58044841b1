using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Conformance;

/// <summary>What the clone cases send besides the source VM and the target name.</summary>
public sealed record ConformanceCloneInput
{
    /// <summary>
    /// <c>class_json</c>: a VMClassSpec override in the CRD's camelCase JSON (<c>{"cpu":2,"memory":"1Gi"}</c>);
    /// <c>null</c> (the default) sends an empty string, which keeps the source's sizing.
    /// </summary>
    [JsonPropertyName("class")]
    public JsonObject? Class { get; set; }

    /// <summary><c>customize_json</c>: a VMCustomization in CRD camelCase JSON; <c>null</c> (the default) sends an empty string.</summary>
    [JsonPropertyName("customize")]
    public JsonObject? Customize { get; set; }
}

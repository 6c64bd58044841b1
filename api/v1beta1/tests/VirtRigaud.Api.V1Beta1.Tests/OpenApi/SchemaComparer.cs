using System.Globalization;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1.Tests.OpenApi;

/// <summary>
/// Compares two structural schemas keyword by keyword and lists every difference as
/// <c>Kind .path keyword: upstream X, ours Y</c>. Descriptions are ignored; enums and required lists compare as sets;
/// an <c>allOf</c> of enums counts as the intersection of its enums (controller-gen writes typed enums that way).
/// </summary>
internal sealed class SchemaComparer(string kind)
{
    public List<SchemaDifference> Differences { get; } = [];

    /// <summary>How many properties existed on both sides and were compared.</summary>
    public int PropertiesCompared { get; private set; }

    public void Compare(string path, OpenApiSchema upstream, OpenApiSchema ours)
    {
        Check(path, "type", upstream.IntOrString ? null : upstream.Type, ours.IntOrString ? null : ours.Type);
        Check(path, "format", upstream.Format, ours.Format);
        Check(path, "pattern", upstream.Pattern, ours.Pattern);
        Check(path, "minimum", upstream.Minimum, ours.Minimum);
        Check(path, "maximum", upstream.Maximum, ours.Maximum);
        Check(path, "minLength", upstream.MinLength, ours.MinLength);
        Check(path, "maxLength", upstream.MaxLength, ours.MaxLength);
        Check(path, "minItems", upstream.MinItems, ours.MinItems);
        Check(path, "maxItems", upstream.MaxItems, ours.MaxItems);
        Check(path, "maxProperties", upstream.MaxProperties, ours.MaxProperties);
        Check(path, "nullable", upstream.Nullable, ours.Nullable);
        Check(path, "x-kubernetes-int-or-string", upstream.IntOrString, ours.IntOrString);
        Check(path, "x-kubernetes-preserve-unknown-fields", upstream.PreserveUnknownFields, ours.PreserveUnknownFields);
        Check(path, "x-kubernetes-embedded-resource", upstream.EmbeddedResource, ours.EmbeddedResource);
        Check(path, "x-kubernetes-list-type", upstream.ListType, ours.ListType);
        Check(path, "x-kubernetes-list-map-keys", Join(upstream.ListMapKeys), Join(ours.ListMapKeys));
        Check(path, "x-kubernetes-map-type", upstream.MapType, ours.MapType);
        Check(path, "enum", SetText(upstream.EffectiveEnum), SetText(ours.EffectiveEnum));
        Check(path, "default", upstream.Default?.ToJsonString(), ours.Default?.ToJsonString());

        foreach (var name in (upstream.Required ?? []).Except(ours.Required ?? [], StringComparer.Ordinal))
        {
            Add(path, $"required[{name}]", "required", "optional");
        }

        foreach (var name in (ours.Required ?? []).Except(upstream.Required ?? [], StringComparer.Ordinal))
        {
            Add(path, $"required[{name}]", "optional", "required");
        }

        var upstreamProps = upstream.Properties ?? [];
        var ourProps = ours.Properties ?? [];
        foreach (var (name, child) in upstreamProps)
        {
            if (ourProps.TryGetValue(name, out var ourChild))
            {
                PropertiesCompared++;
                Compare($"{path}.{name}", child, ourChild);
            }
            else
            {
                Add($"{path}.{name}", "property", "present", "missing");
            }
        }

        foreach (var name in ourProps.Keys.Except(upstreamProps.Keys, StringComparer.Ordinal))
        {
            Add($"{path}.{name}", "property", "missing", "present");
        }

        CompareChild($"{path}[]", "items", upstream.Items, ours.Items);
        CompareChild($"{path}{{}}", "additionalProperties", upstream.AdditionalProperties, ours.AdditionalProperties);
    }

    private void CompareChild(string path, string keyword, OpenApiSchema? upstream, OpenApiSchema? ours)
    {
        if (upstream is not null && ours is not null)
        {
            Compare(path, upstream, ours);
        }
        else if (upstream is not null || ours is not null)
        {
            Add(path, keyword, upstream is null ? "absent" : "present", ours is null ? "absent" : "present");
        }
    }

    private void Check<T>(string path, string keyword, T upstream, T ours)
    {
        if (!EqualityComparer<T>.Default.Equals(upstream, ours))
        {
            Add(path, keyword, Show(upstream), Show(ours));
        }
    }

    private void Add(string path, string keyword, string upstream, string ours) =>
        Differences.Add(new SchemaDifference(kind, path.Length == 0 ? "." : path, keyword, upstream, ours));

    private static string Show<T>(T value) => value switch
    {
        null => "(none)",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "(none)",
    };

    private static string? Join(IReadOnlyList<string>? values) => values is null ? null : string.Join(",", values);

    private static string? SetText(IReadOnlyList<JsonNode?>? values) =>
        values is null ? null : string.Join(",", values.Select(v => v?.ToJsonString() ?? "null").Order(StringComparer.Ordinal));
}

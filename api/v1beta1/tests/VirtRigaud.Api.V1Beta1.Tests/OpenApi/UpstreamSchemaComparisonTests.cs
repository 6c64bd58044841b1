using System.Globalization;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Schema;
using Xunit.Abstractions;

namespace VirtRigaud.Api.V1Beta1.Tests.OpenApi;

/// <summary>
/// Our OpenAPI, generated from the C# types, against the upstream CRDs: property by property, keyword by keyword.
/// Every difference must be listed in Upstream/allowed-differences.txt with a reason, and every entry there must
/// still be a difference (no stale excuses).
/// </summary>
public sealed class UpstreamSchemaComparisonTests(ITestOutputHelper output)
{
    public static TheoryData<string> KindNames() => [.. Kinds.All.Select(k => k.Kind)];

    [Fact]
    public void Schemas_AllKinds_DifferFromUpstreamOnlyWhereAllowListed()
    {
        var allowed = UpstreamFixtures.AllowedDifferences();
        var all = new List<SchemaDifference>();
        var total = 0;
        foreach (var kind in Kinds.All)
        {
            var upstream = OpenApiSchemaJson.FromJson(UpstreamFixtures.Load(kind.Plural)["openAPIV3Schema"]!.AsObject());
            var comparer = new SchemaComparer(kind.Kind);
            comparer.Compare("", upstream, kind.Schema);
            total += comparer.PropertiesCompared;
            all.AddRange(comparer.Differences);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind.Kind,-20} {comparer.PropertiesCompared,4} properties compared, {comparer.Differences.Count,2} differences (allow-listed: {comparer.Differences.Count(d => allowed.ContainsKey(d.Key))})"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total: {total} properties compared, {all.Count} differences, allow-list size {allowed.Count}"));
        var unexplained = all.Where(d => !allowed.ContainsKey(d.Key)).Select(d => d.ToString()).ToList();
        var schemaKeys = all.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var stale = allowed.Keys.Where(k => !k.Contains(" printerColumns", StringComparison.Ordinal) && !k.Contains(" subresources", StringComparison.Ordinal) && !schemaKeys.Contains(k)).ToList();
        Assert.True(unexplained.Count == 0, "differences not in the allow-list:\n" + string.Join("\n", unexplained));
        Assert.True(stale.Count == 0, "allow-list entries that are no longer differences:\n" + string.Join("\n", stale));
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public void Names_Kind_MatchUpstream(string kindName)
    {
        var kind = Kinds.ByKind(kindName)!;
        var fixture = UpstreamFixtures.Load(kind.Plural);
        var names = fixture["names"]!;
        Assert.Equal((string?)names["kind"], kind.Kind);
        Assert.Equal((string?)names["listKind"], kind.ListKind);
        Assert.Equal((string?)names["plural"], kind.Plural);
        Assert.Equal((string?)names["singular"], kind.Singular);
        Assert.Equal(names["shortNames"]!.AsArray().Select(n => (string)n!), kind.ShortNames);
        Assert.Equal("Namespaced", (string?)fixture["scope"]);
        Assert.Equal(GroupInfo.Group, (string?)fixture["group"]);
        Assert.Equal(GroupInfo.Version, (string?)fixture["version"]);
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public void PrinterColumns_Kind_MatchUpstreamExceptAllowListed(string kindName)
    {
        var kind = Kinds.ByKind(kindName)!;
        var allowed = UpstreamFixtures.AllowedDifferences();
        var upstream = UpstreamFixtures.Load(kind.Plural)["additionalPrinterColumns"]!.AsArray();
        Assert.Equal(upstream.Select(c => (string)c!["name"]!), kind.PrinterColumns.Select(c => c.Name));
        foreach (var (column, ours) in upstream.Zip(kind.PrinterColumns))
        {
            var key = $"{kind.Kind} printerColumns[{ours.Name}] jsonPath";
            if (!allowed.ContainsKey(key))
            {
                Assert.Equal((string?)column!["jsonPath"], ours.JsonPath);
                Assert.Null(ours.Compute);
            }
            else
            {
                Assert.NotEqual((string?)column!["jsonPath"], ours.JsonPath);
            }

            Assert.Equal((string?)column["type"], ours.Type);
            Assert.Equal((int?)column["priority"] ?? 0, ours.Priority);
        }
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public void Subresources_Kind_MatchUpstreamExceptAllowListed(string kindName)
    {
        var kind = Kinds.ByKind(kindName)!;
        var allowed = UpstreamFixtures.AllowedDifferences();
        var subresources = UpstreamFixtures.Load(kind.Plural)["subresources"]!.AsObject();
        Assert.True(subresources.ContainsKey("status"));
        var upstreamScale = subresources["scale"];
        var key = $"{kind.Kind} subresources scale";
        if (allowed.ContainsKey(key))
        {
            Assert.False(JsonNode.DeepEquals(upstreamScale, ScaleJson(kind.Scale)), $"{key} is allow-listed but no longer differs");
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(upstreamScale, ScaleJson(kind.Scale)), $"{kind.Kind} scale subresource differs from upstream");
        }
    }

    [Fact]
    public void VMSetScale_SelectorPath_ExistsInOurSchema()
    {
        var status = Kinds.VMSet.Schema.Properties!["status"];
        Assert.Equal("string", status.Properties!["selector"].Type);
        Assert.Equal(".status.selector", Kinds.VMSet.Scale!.LabelSelectorPath);
    }

    private static JsonNode? ScaleJson(ScaleSubresourcePaths? scale) => scale is null
        ? null
        : new JsonObject
        {
            ["specReplicasPath"] = scale.SpecReplicasPath,
            ["statusReplicasPath"] = scale.StatusReplicasPath,
            ["labelSelectorPath"] = scale.LabelSelectorPath,
        };
}

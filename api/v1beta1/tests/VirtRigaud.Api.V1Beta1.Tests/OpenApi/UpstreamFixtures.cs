using System.Text.Json.Nodes;

namespace VirtRigaud.Api.V1Beta1.Tests.OpenApi;

/// <summary>
/// The upstream CRD facts (names, subresources, printer columns, schema without prose) extracted by
/// <c>hack/import-upstream-crds.py</c> into <c>Upstream/*.json</c>, and the allow-list of deliberate differences.
/// </summary>
internal static class UpstreamFixtures
{
    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Upstream");

    public static JsonObject Load(string plural) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, plural + ".json")))!.AsObject();

    /// <summary>Allow-list entries: key (<c>Kind path keyword</c>) → reason. Lines are <c>key :: reason</c>.</summary>
    public static IReadOnlyDictionary<string, string> AllowedDifferences()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(Path.Combine(FixtureDirectory, "allowed-differences.txt")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var separator = line.IndexOf(" :: ", StringComparison.Ordinal);
            if (separator < 0)
            {
                throw new InvalidDataException($"allow-list line without ' :: reason': {line}");
            }

            result.Add(line[..separator].Trim(), line[(separator + 4)..].Trim());
        }

        return result;
    }
}

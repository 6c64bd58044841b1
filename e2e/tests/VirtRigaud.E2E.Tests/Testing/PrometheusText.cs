using System.Globalization;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>Reads samples from a Prometheus text exposition (version 0.0.4). Pure.</summary>
public static class PrometheusText
{
    /// <summary>
    /// The values of every sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>
    /// (<c>key="value"</c> pairs, as they appear in the exposition).
    /// </summary>
    public static IReadOnlyList<double> Samples(string exposition, string name, params string[] labels)
    {
        var values = new List<double>();
        foreach (var raw in exposition.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[name.Length..];
            string labelText;
            if (rest.StartsWith('{'))
            {
                var close = rest.LastIndexOf('}');
                labelText = rest[1..close];
                rest = rest[(close + 1)..];
            }
            else if (rest.StartsWith(' '))
            {
                labelText = "";
            }
            else
            {
                // Another family whose name starts with this one (name_total vs name_total_x).
                continue;
            }

            if (labels.All(l => labelText.Contains(l, StringComparison.Ordinal))
                && double.TryParse(rest.Trim().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values.Add(value);
            }
        }

        return values;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace VirtRigaud.Controllers.Bench;

/// <summary><c>virtrigaud_manager_reconcile_total</c> by kind and outcome, from one scrape of the manager's /metrics. Immutable.</summary>
internal sealed partial record ReconcileCounts(IReadOnlyDictionary<(string Kind, string Outcome), double> Samples)
{
    public double Total => Samples.Values.Sum();

    public static ReconcileCounts Parse(string exposition)
    {
        var samples = new Dictionary<(string, string), double>();
        foreach (Match match in Sample().Matches(exposition))
        {
            var labels = match.Groups["labels"].Value;
            var kind = Label().Matches(labels).FirstOrDefault(m => m.Groups["key"].Value == "kind")?.Groups["value"].Value ?? "";
            var outcome = Label().Matches(labels).FirstOrDefault(m => m.Groups["key"].Value == "outcome")?.Groups["value"].Value ?? "";
            samples[(kind, outcome)] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return new ReconcileCounts(samples);
    }

    /// <summary>What happened between <paramref name="earlier"/> and this scrape.</summary>
    public ReconcileCounts Since(ReconcileCounts earlier) =>
        new(Samples.ToDictionary(kv => kv.Key, kv => kv.Value - earlier.Samples.GetValueOrDefault(kv.Key)));

    [GeneratedRegex(@"^virtrigaud_manager_reconcile_total\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<key>\w+)=""(?<value>[^""]*)""")]
    private static partial Regex Label();
}

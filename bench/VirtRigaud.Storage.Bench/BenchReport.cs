using System.Globalization;
using System.Text;

namespace VirtRigaud.Storage.Bench;

/// <summary>The measurements of a run, medians per backend and writer count, as a markdown report.</summary>
internal sealed class BenchReport
{
    private readonly SortedDictionary<(string Backend, int Writers), Sample[]> _cases = [];

    public void Add(string backend, int writers, params double[] values)
    {
        if (!_cases.TryGetValue((backend, writers), out var samples))
        {
            samples = values.Select(_ => new Sample()).ToArray();
            _cases[(backend, writers)] = samples;
        }

        for (var i = 0; i < values.Length; i++)
        {
            samples[i].Add(values[i]);
        }
    }

    public string ToMarkdown(BenchSettings settings)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# Storage benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(inv, $"{Environment.ProcessorCount} cores; {settings.DurationSeconds} s per phase; median of {settings.Repeats} rounds; values of {settings.ValueBytes} bytes; SQLite with synchronous=FULL (every commit fsynced), etcd 3.4 single member on loopback (fsync per commit).");
        md.AppendLine();
        md.AppendLine("| backend | writers | creates/s | updates/s | gets/s | watch latency p50 (ms) | p99 (ms) | raw etcd puts/s | creates ÷ raw puts |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var ((backend, writers), s) in _cases)
        {
            var raw = s[5].Median;
            var ratio = double.IsNaN(raw) ? "" : (s[0].Median / raw).ToString("F2", inv);
            md.AppendLine(inv, $"| {backend} | {writers} | {s[0].Median:F0} | {s[1].Median:F0} | {s[2].Median:F0} | {s[3].Median:F2} | {s[4].Median:F2} | {(double.IsNaN(raw) ? "" : raw.ToString("F0", inv))} | {ratio} |");
        }

        md.AppendLine();
        md.AppendLine("Creates are create-if-absent transactions; updates are read-modify-write (compare-and-swap on the revision) on keys the same writer created; gets read those keys. Watch latency is from just before a create to the event at one prefix watcher while the writers create. Raw etcd puts are bare Puts through our etcd client at the same concurrency, on the same etcd, in the same round: the physical limit of the etcd backend.");
        return md.ToString();
    }
}

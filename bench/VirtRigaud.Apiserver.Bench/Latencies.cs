using System.Collections.Concurrent;
using System.Diagnostics;

namespace VirtRigaud.Apiserver.Bench;

/// <summary>Latency observations in milliseconds from any number of threads; quantiles by nearest rank.</summary>
internal sealed class Latencies
{
    private readonly ConcurrentBag<double> _values = [];

    public int Count => _values.Count;

    public void Add(double milliseconds) => _values.Add(milliseconds);

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Since(long startTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public double P50 => Quantile(0.50);

    public double P99 => Quantile(0.99);

    public double Max => _values.IsEmpty ? double.NaN : _values.Max();

    public double Quantile(double q)
    {
        var sorted = _values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

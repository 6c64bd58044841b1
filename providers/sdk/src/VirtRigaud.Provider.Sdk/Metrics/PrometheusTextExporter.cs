using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace VirtRigaud.Provider.Sdk.Metrics;

/// <summary>
/// Exposes System.Diagnostics.Metrics instruments of chosen meters in the Prometheus text exposition format 0.0.4,
/// written here because no Prometheus exporter package is available to us. A <see cref="MeterListener"/> aggregates
/// every measurement as it happens; <see cref="Collect"/> renders the current values.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>instrument</term><description>Prometheus family</description></listheader>
/// <item><term>Counter, ObservableCounter</term><description>counter (name gets <c>_total</c> unless it ends with it)</description></item>
/// <item><term>UpDownCounter, ObservableUpDownCounter, Gauge, ObservableGauge</term><description>gauge</description></item>
/// <item><term>Histogram</term><description>histogram: cumulative <c>_bucket{le}</c> with the instrument's advised
/// boundaries (Prometheus' default buckets otherwise), <c>_sum</c>, <c>_count</c></description></item>
/// </list>
/// Tags become labels (sorted by name); names outside <c>[a-zA-Z0-9_:]</c> have the offending characters replaced by
/// <c>_</c>. Observable instruments are read at every collection, and only the series they report then are
/// rendered. Families without series are left out. Families are sorted by name, so output is deterministic.
/// Thread-safe: measurements may arrive on any thread while a collection runs.
/// </remarks>
public sealed class PrometheusTextExporter : IDisposable
{
    /// <summary>The content type of the 0.0.4 text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Prometheus client libraries' default histogram buckets, for histograms without advice.</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly HashSet<string> _meterNames;
    private readonly object? _scope;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Family> _families = new();
    private readonly Lock _collectSync = new();

    private PrometheusTextExporter(IEnumerable<string> meterNames, object? scope)
    {
        _meterNames = new HashSet<string>(meterNames, StringComparer.Ordinal);
        _scope = scope;
    }

    /// <summary>The meters whose instruments are exported.</summary>
    public IReadOnlyCollection<string> MeterNames => _meterNames;

    /// <summary>
    /// Starts listening to every instrument, present and future, of the meters named <paramref name="meterNames"/>.
    /// With <paramref name="scope"/> (an <see cref="IMeterFactory"/>), only meters that factory created count, so two
    /// hosts in one process (tests) do not export each other's instruments.
    /// </summary>
    public static PrometheusTextExporter Start(IEnumerable<string> meterNames, object? scope = null)
    {
        var exporter = new PrometheusTextExporter(meterNames, scope);
        exporter.Listen();
        return exporter;
    }

    /// <summary>The current values in the text format, one family after another, ending with a newline. Mutates nothing observable.</summary>
    public string Collect()
    {
        lock (_collectSync)
        {
            foreach (var family in _families.Values.Where(f => f.IsObservable))
            {
                family.Series.Clear();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Instrument.Meter.Name, StringComparer.Ordinal))
            {
                family.Render(text);
            }

            return text.ToString();
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meterNames.Contains(instrument.Meter.Name)
                && (_scope is null || ReferenceEquals(instrument.Meter.Scope, _scope))
                && Family.KindOf(instrument) is { } kind)
            {
                _families[instrument] = new Family(instrument, kind);
                listener.EnableMeasurementEvents(instrument, _families[instrument]);
            }
        };
        _listener.MeasurementsCompleted = (instrument, state) => _families.TryRemove(instrument, out _);
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => ((Family)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, state) => ((Family)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((Family)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((Family)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((Family)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((Family)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, value, tags, state) => ((Family)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>A number as Prometheus writes it: Go's shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    internal static string FormatValue(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A metric or label name with characters outside the allowed set replaced by <c>_</c> (and a leading digit prefixed).</summary>
    internal static string SanitizeName(string name, bool allowColon)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }

    /// <summary>A label value with <c>\</c>, <c>"</c> and newlines escaped.</summary>
    internal static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>HELP text with <c>\</c> and newlines escaped.</summary>
    internal static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private enum FamilyKind
    {
        Counter,
        Gauge,
        Histogram,
    }

    /// <summary>One instrument: its Prometheus name and type, and a series per label set.</summary>
    private sealed class Family
    {
        private readonly FamilyKind _kind;
        private readonly double[] _buckets;

        // Synchronous counters and up-down counters report increments; every other instrument reports the value itself.
        private readonly bool _accumulates;

        public Family(Instrument instrument, FamilyKind kind)
        {
            Instrument = instrument;
            _kind = kind;
            IsObservable = instrument.IsObservable;

            _accumulates = GenericName(instrument) is "Counter`1" or "UpDownCounter`1";
            var name = SanitizeName(instrument.Name, allowColon: true);
            Name = kind == FamilyKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
            _buckets = kind == FamilyKind.Histogram ? AdvisedBuckets(instrument) : [];
        }

        public Instrument Instrument { get; }

        public string Name { get; }

        public bool IsObservable { get; }

        public ConcurrentDictionary<string, Series> Series { get; } = new(StringComparer.Ordinal);

        public static FamilyKind? KindOf(Instrument instrument) =>
            GenericName(instrument) switch
            {
                "Counter`1" or "ObservableCounter`1" => FamilyKind.Counter,
                "UpDownCounter`1" or "ObservableUpDownCounter`1" or "Gauge`1" or "ObservableGauge`1" => FamilyKind.Gauge,
                "Histogram`1" => FamilyKind.Histogram,
                _ => null,
            };

        private static string GenericName(Instrument instrument)
        {
            var type = instrument.GetType();
            return type.IsGenericType ? type.GetGenericTypeDefinition().Name : type.Name;
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = FormatLabels(tags);
            var series = Series.GetOrAdd(labels, static (_, buckets) => new Series(buckets.Length), _buckets);
            lock (series)
            {
                switch (_kind)
                {
                    case FamilyKind.Histogram:
                        series.Count++;
                        series.Value += value;
                        for (var i = 0; i < _buckets.Length; i++)
                        {
                            if (value <= _buckets[i])
                            {
                                series.Buckets[i]++;
                                break;
                            }
                        }

                        break;
                    default:
                        series.Value = _accumulates ? series.Value + value : value;
                        break;
                }
            }
        }

        public void Render(StringBuilder text)
        {
            if (Series.IsEmpty)
            {
                return;
            }

            if (!string.IsNullOrEmpty(Instrument.Description))
            {
                text.Append("# HELP ").Append(Name).Append(' ').Append(EscapeHelp(Instrument.Description)).Append('\n');
            }

            text.Append("# TYPE ").Append(Name).Append(' ').Append(_kind switch
            {
                FamilyKind.Counter => "counter",
                FamilyKind.Gauge => "gauge",
                _ => "histogram",
            }).Append('\n');

            foreach (var (labels, series) in Series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                lock (series)
                {
                    if (_kind != FamilyKind.Histogram)
                    {
                        text.Append(Name).Append(Braces(labels)).Append(' ').Append(FormatValue(series.Value)).Append('\n');
                        continue;
                    }

                    long cumulative = 0;
                    for (var i = 0; i < _buckets.Length; i++)
                    {
                        cumulative += series.Buckets[i];
                        AppendBucket(text, labels, FormatValue(_buckets[i]), cumulative);
                    }

                    AppendBucket(text, labels, "+Inf", series.Count);
                    text.Append(Name).Append("_sum").Append(Braces(labels)).Append(' ').Append(FormatValue(series.Value)).Append('\n');
                    text.Append(Name).Append("_count").Append(Braces(labels)).Append(' ').Append(series.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        private void AppendBucket(StringBuilder text, string labels, string le, long count)
        {
            var withLe = labels.Length == 0 ? $"le=\"{le}\"" : $"{labels},le=\"{le}\"";
            text.Append(Name).Append("_bucket{").Append(withLe).Append("} ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        private static string Braces(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";

        private static string FormatLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.IsEmpty)
            {
                return "";
            }

            var pairs = new List<(string Name, string Value)>(tags.Length);
            foreach (var (key, value) in tags)
            {
                var labelValue = value switch
                {
                    null => "",
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString() ?? "",
                };
                pairs.Add((SanitizeName(key, allowColon: false), labelValue));
            }

            pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return string.Join(",", pairs.Select(p => $"{p.Name}=\"{EscapeLabelValue(p.Value)}\""));
        }

        private static double[] AdvisedBuckets(Instrument instrument)
        {
            IReadOnlyList<double>? advised = instrument switch
            {
                Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
                Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
                Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
                Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
                _ => null,
            };
            return [.. (advised ?? DefaultBuckets).Where(double.IsFinite).Distinct().Order()];
        }
    }

    /// <summary>One label set's value (sum or last value) and, for histograms, its bucket counts. Guarded by locking the instance.</summary>
    private sealed class Series(int buckets)
    {
        public double Value { get; set; }

        public long Count { get; set; }

        public long[] Buckets { get; } = new long[buckets];
    }
}

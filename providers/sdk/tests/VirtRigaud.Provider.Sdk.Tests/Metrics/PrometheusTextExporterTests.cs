using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Provider.Sdk.Metrics;
using VirtRigaud.Provider.Sdk.Tasks;
using VirtRigaud.Provider.Sdk.Tests.Testing;

namespace VirtRigaud.Provider.Sdk.Tests.Metrics;

public sealed class PrometheusTextExporterTests : IDisposable
{
    private readonly string _meterName = "test." + Guid.NewGuid().ToString("N");
    private readonly Meter _meter;
    private readonly PrometheusTextExporter _exporter;

    public PrometheusTextExporterTests()
    {
        _meter = new Meter(_meterName);
        _exporter = PrometheusTextExporter.Start([_meterName]);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Collect_Counter_SumsPerLabelSetSortedWithTotalSuffix()
    {
        var counter = _meter.CreateCounter<long>("requests", description: "Requests.");
        counter.Add(1, new TagList { { "method", "Create" }, { "code", "OK" } });
        counter.Add(2, new TagList { { "code", "OK" }, { "method", "Create" } });
        counter.Add(1, new TagList { { "method", "Describe" }, { "code", "NotFound" } });

        Assert.Equal(
            "# HELP requests_total Requests.\n"
            + "# TYPE requests_total counter\n"
            + "requests_total{code=\"NotFound\",method=\"Describe\"} 1\n"
            + "requests_total{code=\"OK\",method=\"Create\"} 3\n",
            _exporter.Collect());
    }

    [Fact]
    public void Collect_Histogram_CumulativeBucketsSumAndCount()
    {
        var histogram = _meter.CreateHistogram<double>("rpc_seconds", "s", "Latency.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        histogram.Record(0.05, new KeyValuePair<string, object?>("method", "Power"));
        histogram.Record(0.5, new KeyValuePair<string, object?>("method", "Power"));
        histogram.Record(7, new KeyValuePair<string, object?>("method", "Power"));

        Assert.Equal(
            "# HELP rpc_seconds Latency.\n"
            + "# TYPE rpc_seconds histogram\n"
            + "rpc_seconds_bucket{method=\"Power\",le=\"0.1\"} 1\n"
            + "rpc_seconds_bucket{method=\"Power\",le=\"1\"} 2\n"
            + "rpc_seconds_bucket{method=\"Power\",le=\"+Inf\"} 3\n"
            + "rpc_seconds_sum{method=\"Power\"} 7.55\n"
            + "rpc_seconds_count{method=\"Power\"} 3\n",
            _exporter.Collect());
    }

    [Fact]
    public void Collect_HistogramWithoutAdvice_PrometheusDefaultBuckets()
    {
        _meter.CreateHistogram<long>("sizes").Record(3);

        var text = _exporter.Collect();

        Assert.Contains("sizes_bucket{le=\"0.005\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("sizes_bucket{le=\"2.5\"} 0\nsizes_bucket{le=\"5\"} 1\nsizes_bucket{le=\"10\"} 1\nsizes_bucket{le=\"+Inf\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_GaugesAndObservables_CurrentValues()
    {
        var upDown = _meter.CreateUpDownCounter<int>("inflight");
        upDown.Add(3);
        upDown.Add(-1);
        var observed = 5.5;
        _meter.CreateObservableGauge("temperature", () => observed);
        _meter.CreateObservableCounter("cpu_seconds", () => 12.25);

        Assert.Equal(
            "# TYPE cpu_seconds_total counter\ncpu_seconds_total 12.25\n"
            + "# TYPE inflight gauge\ninflight 2\n"
            + "# TYPE temperature gauge\ntemperature 5.5\n",
            _exporter.Collect());

        observed = 6;
        Assert.Contains("temperature 6\n", _exporter.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_NamesAndLabelValues_SanitizedAndEscaped()
    {
        _meter.CreateCounter<long>("http.server.requests_total", description: "Line one\nline \\ two").Add(1, new KeyValuePair<string, object?>("url.path", "a\"b\\c\nd"));

        Assert.Equal(
            "# HELP http_server_requests_total Line one\\nline \\\\ two\n"
            + "# TYPE http_server_requests_total counter\n"
            + "http_server_requests_total{url_path=\"a\\\"b\\\\c\\nd\"} 1\n",
            _exporter.Collect());
    }

    [Fact]
    public void Collect_OtherMeters_Ignored()
    {
        using var other = new Meter("other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("elsewhere").Add(1);

        Assert.Equal("", _exporter.Collect());
    }

    [Fact]
    public void Start_WithScope_OnlyThatFactorysMeters()
    {
        using var first = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var second = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var firstFactory = first.GetRequiredService<IMeterFactory>();
        using var exporter = PrometheusTextExporter.Start([_meterName], firstFactory);
        firstFactory.Create(_meterName).CreateCounter<long>("mine").Add(1);
        second.GetRequiredService<IMeterFactory>().Create(_meterName).CreateCounter<long>("theirs").Add(1);

        Assert.Equal("# TYPE mine_total counter\nmine_total 1\n", exporter.Collect());
    }

    [Theory]
    [InlineData(0.001, "0.001")]
    [InlineData(16.384, "16.384")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NaN, "NaN")]
    public void FormatValue_GoCompatible(double value, string expected) =>
        Assert.Equal(expected, PrometheusTextExporter.FormatValue(value));

    [Fact]
    public async Task Collect_ProviderAndProcessFamilies_PassPromtoolLint()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        await using var tasks = new TaskRegistry(new TaskRegistryOptions(), TimeProvider.System, NullLogger<TaskRegistry>.Instance);
        var metrics = new ProviderMetrics(factory, tasks);
        using var process = new ProcessMetrics(factory);
        using var exporter = PrometheusTextExporter.Start([ProviderMetrics.MeterName, ProcessMetrics.MeterName], factory);
        metrics.RecordCall("Describe", "OK", TimeSpan.FromMilliseconds(3));
        metrics.RecordCall("Create", "Unavailable", TimeSpan.FromSeconds(40));

        var text = exporter.Collect();

        Assert.Contains("virtrigaud_provider_rpc_requests_total{code=\"OK\",method=\"Describe\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("virtrigaud_provider_rpc_duration_seconds_bucket{method=\"Describe\",le=\"0.004\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("virtrigaud_provider_rpc_duration_seconds_bucket{method=\"Create\",le=\"16.384\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("virtrigaud_provider_tasks_inflight 0\n", text, StringComparison.Ordinal);
        Assert.Contains("process_cpu_seconds_total ", text, StringComparison.Ordinal);
        Assert.Contains("process_resident_memory_bytes ", text, StringComparison.Ordinal);
        Assert.Contains("process_start_time_seconds ", text, StringComparison.Ordinal);
        Assert.Contains("process_open_fds ", text, StringComparison.Ordinal);
        Assert.Contains("process_max_fds ", text, StringComparison.Ordinal);
        await Promtool.AssertLintCleanAsync(text);
    }
}

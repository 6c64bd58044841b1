using System.Diagnostics.Metrics;
using VirtRigaud.Client.WorkQueue;

namespace VirtRigaud.Client.Tests.WorkQueue;

public sealed class WorkQueueMetricsTests : IDisposable
{
    private readonly Meter _meter = new("test-" + Guid.NewGuid().ToString("N"));
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, string? Name)> _measurements = [];

    public WorkQueueMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == _meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public async Task NamedQueue_ReportsClientGoMetricsWithTheNameLabel()
    {
        var time = new ManualTimeProvider();
        var queue = new RateLimitingQueue<string>(
            new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)),
            new WorkQueueOptions { Name = "virtualmachine", TimeProvider = time, Meter = _meter });

        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        time.Advance(TimeSpan.FromSeconds(2));
        var (a, _) = await queue.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(3));
        _listener.RecordObservableInstruments();
        queue.AddRateLimited(a);
        queue.Done(a);

        Assert.Equal(2, Sum("workqueue_adds_total"));
        Assert.Equal(1, Sum("workqueue_depth"));
        Assert.Equal([2.0], Values("workqueue_queue_duration_seconds"));
        Assert.Equal([3.0], Values("workqueue_work_duration_seconds"));
        Assert.Equal([3.0], Values("workqueue_unfinished_work_seconds"));
        Assert.Equal([3.0], Values("workqueue_longest_running_processor_seconds"));
        Assert.Equal(1, Sum("workqueue_retries_total"));
        Assert.All(_measurements, m => Assert.Equal("virtualmachine", m.Name));
    }

    [Fact]
    public void UnnamedQueue_ReportsNothing()
    {
        var queue = new WorkQueue<string>(new WorkQueueOptions { Meter = _meter });

        queue.Add("a");
        _listener.RecordObservableInstruments();

        Assert.Empty(_measurements);
    }

    [Fact]
    public void ShutDown_QueueNoLongerObserved()
    {
        var queue = new WorkQueue<string>(new WorkQueueOptions { Name = "gone", Meter = _meter });
        _listener.RecordObservableInstruments();
        Assert.Equal(2, _measurements.Count);

        queue.ShutDown();
        _measurements.Clear();
        _listener.RecordObservableInstruments();

        Assert.Empty(_measurements);
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? name = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "name")
            {
                name = tag.Value as string;
            }
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, name));
        }
    }

    private double Sum(string instrument) => Values(instrument).Sum();

    private List<double> Values(string instrument)
    {
        lock (_measurements)
        {
            return [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];
        }
    }
}

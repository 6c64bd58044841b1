using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace VirtRigaud.Client.WorkQueue;

/// <summary>
/// The work queue's instruments, with client-go's metric names and the label <c>name</c> (k8s.io/component-base's
/// workqueue metrics provider), so dashboards and alerts written for client-go controllers work unchanged:
/// <list type="table">
/// <item><term><c>workqueue_depth</c></term><description>up-down counter: keys waiting (added and not yet handed out)</description></item>
/// <item><term><c>workqueue_adds_total</c></term><description>counter: keys added (not counting de-duplicated adds)</description></item>
/// <item><term><c>workqueue_queue_duration_seconds</c></term><description>histogram: time from add to hand-out</description></item>
/// <item><term><c>workqueue_work_duration_seconds</c></term><description>histogram: time from hand-out to Done</description></item>
/// <item><term><c>workqueue_unfinished_work_seconds</c></term><description>gauge: the summed age of the keys in processing</description></item>
/// <item><term><c>workqueue_longest_running_processor_seconds</c></term><description>gauge: the age of the oldest key in processing</description></item>
/// <item><term><c>workqueue_retries_total</c></term><description>counter: rate-limited re-adds</description></item>
/// </list>
/// The histograms advise client-go's buckets (10 ns × 10ⁿ, n = 0…9).
/// </summary>
public static class WorkQueueMetrics
{
    /// <summary>The name of the process-wide meter used when <see cref="WorkQueueOptions.Meter"/> is null.</summary>
    public const string MeterName = "VirtRigaud.Client.WorkQueue";

    private static readonly Lazy<Meter> DefaultMeter = new(() => new Meter(MeterName));
    private static readonly ConditionalWeakTable<Meter, Instruments> ByMeter = [];

    internal static Instruments For(Meter? meter) => ByMeter.GetValue(meter ?? DefaultMeter.Value, m => new Instruments(m));

    /// <summary>What the observable gauges read from each live, named queue.</summary>
    internal interface IUnfinishedWork
    {
        string Name { get; }

        /// <summary>The summed and the longest processing time of the keys in processing, in seconds.</summary>
        (double Total, double Longest) Unfinished();
    }

    /// <summary>The instruments of one meter, shared by every queue on it.</summary>
    internal sealed class Instruments
    {
        private static readonly IReadOnlyList<double> Buckets = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];

        // Weak: a queue that is dropped without ShutDown must not be kept alive (or reported) by its metrics.
        private readonly ConditionalWeakTable<IUnfinishedWork, object?> _queues = [];

        public Instruments(Meter meter)
        {
            Depth = meter.CreateUpDownCounter<long>("workqueue_depth", description: "Current depth of workqueue");
            Adds = meter.CreateCounter<long>("workqueue_adds_total", description: "Total number of adds handled by workqueue");
            QueueDuration = meter.CreateHistogram("workqueue_queue_duration_seconds", "s", "How long in seconds an item stays in workqueue before being requested.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
            WorkDuration = meter.CreateHistogram("workqueue_work_duration_seconds", "s", "How long in seconds processing an item from workqueue takes.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
            Retries = meter.CreateCounter<long>("workqueue_retries_total", description: "Total number of retries handled by workqueue");
            meter.CreateObservableGauge("workqueue_unfinished_work_seconds", () => Observe(static u => u.Total), "s", "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.");
            meter.CreateObservableGauge("workqueue_longest_running_processor_seconds", () => Observe(static u => u.Longest), "s", "How many seconds has the longest running processor for workqueue been running.");
        }

        public UpDownCounter<long> Depth { get; }

        public Counter<long> Adds { get; }

        public Histogram<double> QueueDuration { get; }

        public Histogram<double> WorkDuration { get; }

        public Counter<long> Retries { get; }

        public void Register(IUnfinishedWork queue) => _queues.AddOrUpdate(queue, null);

        public void Unregister(IUnfinishedWork queue) => _queues.Remove(queue);

        private IEnumerable<Measurement<double>> Observe(Func<(double Total, double Longest), double> pick)
        {
            var measurements = new List<Measurement<double>>();
            foreach (var (queue, _) in _queues)
            {
                measurements.Add(new Measurement<double>(pick(queue.Unfinished()), new KeyValuePair<string, object?>("name", queue.Name)));
            }

            return measurements;
        }
    }
}

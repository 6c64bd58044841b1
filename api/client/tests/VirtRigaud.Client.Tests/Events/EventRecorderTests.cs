using System.Diagnostics.Metrics;
using System.Globalization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Client.Tests.WorkQueue;

namespace VirtRigaud.Client.Tests.Events;

/// <summary>client-go's recorder semantics (correlation, spam filter, retries, never blocking) on a manual clock.</summary>
public sealed class EventRecorderTests : IAsyncDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly FlakySink _sink = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _runs = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs).WaitAsync(Eventually.DefaultTimeout);
        _stop.Dispose();
    }

    [Fact]
    public async Task Event_WritesACoreV1EventShapedAsClientGoDoes()
    {
        var recorder = Start();
        var vm = Vm("team-a", "web-1");

        recorder.Event(vm, EventTypes.Normal, "Created", "created on vsphere-prod");
        await WrittenAsync(recorder, 1);

        var e = Assert.Single(_sink.Inner.Events);
        var nanos = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        Assert.Equal("web-1." + nanos.ToString("x", CultureInfo.InvariantCulture), e.Metadata.Name);
        Assert.Equal("team-a", e.Metadata.Namespace);
        Assert.Equal("VirtualMachine", e.InvolvedObject.Kind);
        Assert.Equal("infra.virtrigaud.io/v1beta1", e.InvolvedObject.ApiVersion);
        Assert.Equal("web-1", e.InvolvedObject.Name);
        Assert.Equal("team-a", e.InvolvedObject.Namespace);
        Assert.Equal("uid-web-1", e.InvolvedObject.Uid);
        Assert.Equal("7", e.InvolvedObject.ResourceVersion);
        Assert.Equal(("virtrigaud-controller-manager", "node-1"), (e.Source?.Component, e.Source?.Host));
        Assert.Equal(("virtrigaud-controller-manager", "node-1"), (e.ReportingComponent, e.ReportingInstance));
        Assert.Equal((EventTypes.Normal, "Created", "created on vsphere-prod", 1), (e.Type, e.Reason, e.Message, e.Count));
        Assert.Equal(_time.GetUtcNow(), e.FirstTimestamp);
        Assert.Equal(_time.GetUtcNow(), e.LastTimestamp);
    }

    [Fact]
    public async Task Event_ClusterScopedObject_RecordedInDefault()
    {
        var recorder = Start();

        recorder.Event(new VMClass { Metadata = new ObjectMeta { Name = "small" }, Spec = new VMClassSpec { Cpu = 2, Memory = Api.Machinery.Resource.Quantity.Parse("2Gi") } }, EventTypes.Warning, "Invalid", "bad");
        await WrittenAsync(recorder, 1);

        Assert.Equal("default", Assert.Single(_sink.Inner.Events).Metadata.Namespace);
    }

    [Fact]
    public async Task Event_IdenticalRepeats_OneEventWithACount()
    {
        var recorder = Start();
        var vm = Vm("ns", "web-1");
        var first = _time.GetUtcNow();

        for (var i = 0; i < 3; i++)
        {
            recorder.Event(vm, EventTypes.Warning, "ProviderUnavailable", "provider vsphere-prod did not answer");
            await WrittenAsync(recorder, i + 1);
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        var e = Assert.Single(_sink.Inner.Events);
        Assert.Equal(3, e.Count);
        Assert.Equal(first, e.FirstTimestamp);
        Assert.Equal(first + TimeSpan.FromSeconds(60), e.LastTimestamp);
    }

    [Fact]
    public async Task Event_TenSimilarMessages_CombinedIntoOneAggregateEvent()
    {
        var recorder = Start();
        var vm = Vm("ns", "web-1");

        for (var i = 0; i < 12; i++)
        {
            recorder.Event(vm, EventTypes.Warning, "ReconcileFailed", "attempt " + i.ToString(CultureInfo.InvariantCulture));
            await WrittenAsync(recorder, i + 1);
        }

        var events = _sink.Inner.Events;
        Assert.Equal(10, events.Count);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => "attempt " + i.ToString(CultureInfo.InvariantCulture)), events.Take(9).Select(e => e.Message));
        var combined = events[9];
        Assert.Equal(EventCorrelator.CombinedPrefix + "attempt 11", combined.Message);
        Assert.Equal(3, combined.Count);
        Assert.Equal("ReconcileFailed", combined.Reason);
    }

    [Fact]
    public async Task Event_SimilarMessagesSpreadOverMoreThanTheInterval_NotCombined()
    {
        var recorder = Start();
        var vm = Vm("ns", "web-1");

        for (var i = 0; i < 12; i++)
        {
            recorder.Event(vm, EventTypes.Normal, "Progress", "step " + i.ToString(CultureInfo.InvariantCulture));
            await WrittenAsync(recorder, i + 1);
            _time.Advance(TimeSpan.FromMinutes(11));
        }

        Assert.Equal(12, _sink.Inner.Events.Count);
        Assert.DoesNotContain(_sink.Inner.Events, e => e.Message!.StartsWith(EventCorrelator.CombinedPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Event_SpamFilter_25PerObjectThenOneEveryFiveMinutes()
    {
        var recorder = Start();
        var noisy = Vm("ns", "noisy");
        var quiet = Vm("ns", "quiet");

        for (var i = 0; i < 30; i++)
        {
            // Distinct reasons: neither deduplicated nor aggregated, so only the spam filter limits them.
            recorder.Event(noisy, EventTypes.Normal, "Reason" + i.ToString(CultureInfo.InvariantCulture), "m");
        }

        recorder.Event(quiet, EventTypes.Normal, "Reason", "m");
        await Eventually.TrueAsync(() => recorder.WrittenCount + recorder.SpamFilteredCount == 31, "every event was handled");

        Assert.Equal(26, recorder.WrittenCount);
        Assert.Equal(5, recorder.SpamFilteredCount);

        _time.Advance(TimeSpan.FromMinutes(5));
        recorder.Event(noisy, EventTypes.Normal, "Later1", "m");
        recorder.Event(noisy, EventTypes.Normal, "Later2", "m");
        await Eventually.TrueAsync(() => recorder.WrittenCount + recorder.SpamFilteredCount == 33, "the later events were handled");

        Assert.Equal(27, recorder.WrittenCount);
        Assert.Equal(6, recorder.SpamFilteredCount);
    }

    [Fact]
    public void Event_QueueFull_DroppedAndCountedWithoutBlocking()
    {
        using var meter = new Meter("test-" + Guid.NewGuid().ToString("N"));
        using var listener = new MeterListener();
        var dropped = new List<(long Value, object? Reason)>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => dropped.Add((value, tags.ToArray().Single(t => t.Key == "reason").Value)));
        listener.Start();
        var recorder = new EventRecorder(_sink, Options() with { QueueCapacity = 2, Meter = meter });
        var vm = Vm("ns", "web-1");

        recorder.Event(vm, EventTypes.Normal, "A", "a");
        recorder.Event(vm, EventTypes.Normal, "B", "b");
        recorder.Event(vm, EventTypes.Normal, "C", "c");

        Assert.Equal(2, recorder.QueuedCount);
        Assert.Equal(1, recorder.DroppedCount);
        Assert.Equal([(1L, (object?)"queue_full")], dropped);
    }

    [Fact]
    public void Event_UnsupportedType_Dropped()
    {
        var recorder = new EventRecorder(_sink, Options());

        recorder.Event(Vm("ns", "web-1"), "Critical", "Boom", "no such type");

        Assert.Equal(0, recorder.QueuedCount);
    }

    [Fact]
    public async Task RunAsync_ServerUnreachable_RetriesEveryIntervalThenWrites()
    {
        var recorder = Start();
        _sink.FailuresLeft = 3;

        recorder.Event(Vm("ns", "web-1"), EventTypes.Normal, "Created", "ok");
        for (var i = 0; i < 3; i++)
        {
            await _time.WaitForAsync(t => t.ActiveTimers > 0);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        await WrittenAsync(recorder, 1);
        Assert.Equal(4, _sink.Calls);
        Assert.Single(_sink.Inner.Events);
    }

    [Fact]
    public async Task RunAsync_ServerUnreachableForEveryAttempt_GivesUp()
    {
        var recorder = Start(Options() with { MaxWriteAttempts = 3 });
        _sink.FailuresLeft = int.MaxValue;

        recorder.Event(Vm("ns", "web-1"), EventTypes.Normal, "Created", "lost");
        for (var i = 0; i < 2; i++)
        {
            await _time.WaitForAsync(t => t.ActiveTimers > 0);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        await Eventually.TrueAsync(() => recorder.FailedCount == 1, "the recorder gave up");
        Assert.Equal(3, _sink.Calls);
    }

    [Fact]
    public async Task RunAsync_Rejected_DroppedWithoutRetry()
    {
        var recorder = Start();
        _sink.Reject = StatusException.Forbidden("", "events", "", "no RBAC").Status;

        recorder.Event(Vm("ns", "web-1"), EventTypes.Normal, "Created", "x");

        await Eventually.TrueAsync(() => recorder.FailedCount == 1, "the event was dropped");
        Assert.Equal(1, _sink.Calls);
        Assert.Equal(0, _time.ActiveTimers);
    }

    [Fact]
    public async Task RunAsync_RepeatOfAnExpiredEvent_CreatedAgain()
    {
        var recorder = Start();
        var vm = Vm("ns", "web-1");
        recorder.Event(vm, EventTypes.Normal, "Synced", "same");
        await WrittenAsync(recorder, 1);

        _sink.Inner.Clear();
        recorder.Event(vm, EventTypes.Normal, "Synced", "same");
        await WrittenAsync(recorder, 2);

        var e = Assert.Single(_sink.Inner.Events);
        Assert.Equal(2, e.Count);
    }

    [Fact]
    public async Task AnnotatedEvent_CarriesTheAnnotations()
    {
        var recorder = Start();

        recorder.AnnotatedEvent(Vm("ns", "web-1"), new Dictionary<string, string> { ["virtrigaud.io/task"] = "t-1" }, EventTypes.Normal, "Snapshot", "taken");
        await WrittenAsync(recorder, 1);

        Assert.Equal("t-1", Assert.Single(_sink.Inner.Events).Metadata.Annotation("virtrigaud.io/task"));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => new EventRecorder(_sink, Options() with { Component = " " }));
        Assert.ThrowsAny<ArgumentException>(() => new EventRecorder(_sink, Options() with { QueueCapacity = 0 }));
    }

    private static VirtualMachine Vm(string ns, string name) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name, Uid = "uid-" + name, ResourceVersion = "7" },
        Spec = new VirtualMachineSpec { ProviderRef = new ObjectRef { Name = "vsphere-prod" }, ClassRef = new ObjectRef { Name = "small" } },
    };

    private static Task WrittenAsync(EventRecorder recorder, int count) =>
        Eventually.TrueAsync(() => recorder.WrittenCount >= count, $"{count} events were written");

    private EventRecorderOptions Options() => new() { Component = "virtrigaud-controller-manager", Host = "node-1", TimeProvider = _time };

    private EventRecorder Start(EventRecorderOptions? options = null)
    {
        var recorder = new EventRecorder(_sink, options ?? Options());
        _runs.Add(recorder.RunAsync(_stop.Token));
        return recorder;
    }
}

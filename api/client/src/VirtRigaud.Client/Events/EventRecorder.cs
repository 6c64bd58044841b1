using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Events;

/// <summary>
/// Records core/v1 Events about objects, as client-go's <c>record.EventRecorder</c> with its broadcaster and
/// correlator: <c>recorder.Event(vm, EventTypes.Warning, "ProviderUnavailable", "provider vsphere-prod did not answer")</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Never blocks the caller.</b> <see cref="Event(IKubernetesObject, string, string, string)"/> stamps the event
/// and puts it in a bounded queue (<see cref="EventRecorderOptions.QueueCapacity"/>); when the queue is full the event
/// is dropped and counted (<see cref="DroppedCount"/>, metric <c>event_recorder_dropped_total{reason="queue_full"}</c>),
/// as client-go does. <see cref="RunAsync"/> writes the queue to the <see cref="IEventSink"/> one event at a time.
/// </para>
/// <para>
/// <b>Writes.</b> Each event goes through the <see cref="EventCorrelator"/> (aggregation of similar events, count
/// updates for identical ones, a per-object spam filter), then is created, or — for a repeat — its stored copy's
/// count, lastTimestamp and message are updated (created when that copy has vanished). A server that cannot be
/// reached is retried every <see cref="EventRecorderOptions.RetryInterval"/> up to
/// <see cref="EventRecorderOptions.MaxWriteAttempts"/> times; an answer with a Status (AlreadyExists, Invalid,
/// Forbidden, …) drops the event, since retrying cannot help.
/// </para>
/// Event messages are written as given: never put secrets in them. Thread-safe; the constructor only validates.
/// </remarks>
public sealed class EventRecorder
{
    /// <summary>The name of the process-wide meter used when <see cref="EventRecorderOptions.Meter"/> is null.</summary>
    public const string MeterName = "VirtRigaud.Client.Events";

    private static readonly Lazy<Meter> DefaultMeter = new(() => new Meter(MeterName));
    private static readonly ConditionalWeakTable<Meter, Counter<long>> DroppedCounters = [];

    private readonly IEventSink _sink;
    private readonly EventRecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Event> _queue;
    private readonly EventCorrelator _correlator;
    private readonly Counter<long> _dropped;
    private readonly EventSource _source;
    private readonly EventNames _names = new();
    private long _droppedCount;
    private long _spamFilteredCount;
    private long _failedCount;
    private long _writtenCount;
    private int _running;

    /// <summary>Creates a recorder writing to <paramref name="sink"/>.</summary>
    /// <exception cref="ArgumentException">The options cannot work (see <see cref="EventRecorderOptions.Validate"/>).</exception>
    public EventRecorder(IEventSink sink, EventRecorderOptions options, ILogger? logger = null)
    {
        options.Validate();
        _sink = sink;
        _options = options;
        _time = options.TimeProvider;
        _logger = logger ?? NullLogger.Instance;
        _queue = Channel.CreateBounded<Event>(new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        _correlator = new EventCorrelator(options, _names);
        _dropped = DroppedCounters.GetValue(options.Meter ?? DefaultMeter.Value, static m => m.CreateCounter<long>("event_recorder_dropped_total", description: "Events the recorder did not write, by reason (queue_full, spam, rejected, gave_up)"));
        _source = new EventSource { Component = options.Component, Host = options.Host };
    }

    /// <summary>Events dropped because the queue was full.</summary>
    public long DroppedCount => Interlocked.Read(ref _droppedCount);

    /// <summary>Events the spam filter held back.</summary>
    public long SpamFilteredCount => Interlocked.Read(ref _spamFilteredCount);

    /// <summary>Events the server rejected or that could not be written after every attempt.</summary>
    public long FailedCount => Interlocked.Read(ref _failedCount);

    /// <summary>Events created or updated on the sink.</summary>
    public long WrittenCount => Interlocked.Read(ref _writtenCount);

    /// <summary>Events waiting in the queue.</summary>
    public int QueuedCount => _queue.Reader.Count;

    /// <summary>A reference to <paramref name="obj"/> (kind, apiVersion, namespace, name, uid, resourceVersion), as client-go's <c>GetReference</c>.</summary>
    public static ObjectReference ReferenceTo(IKubernetesObject obj) => new()
    {
        Kind = obj.Kind,
        ApiVersion = obj.ApiVersion,
        Namespace = obj.Metadata.Namespace,
        Name = obj.Metadata.Name,
        Uid = obj.Metadata.Uid,
        ResourceVersion = obj.Metadata.ResourceVersion,
    };

    /// <summary>Records an event about <paramref name="regarding"/>. Returns at once; see the class remarks.</summary>
    /// <param name="regarding">The object the event is about.</param>
    /// <param name="type"><see cref="EventTypes.Normal"/> or <see cref="EventTypes.Warning"/>; anything else is logged and dropped.</param>
    /// <param name="reason">A short UpperCamelCase reason, e.g. <c>Created</c>, <c>ProviderUnavailable</c>.</param>
    /// <param name="message">What happened, for humans.</param>
    public void Event(IKubernetesObject regarding, string type, string reason, string message) =>
        Record(ReferenceTo(regarding), null, type, reason, message);

    /// <summary>Records an event about the object <paramref name="regarding"/> refers to.</summary>
    public void Event(ObjectReference regarding, string type, string reason, string message) =>
        Record(regarding, null, type, reason, message);

    /// <summary>Records an event carrying <paramref name="annotations"/> (client-go's <c>AnnotatedEventf</c>).</summary>
    public void AnnotatedEvent(IKubernetesObject regarding, IReadOnlyDictionary<string, string> annotations, string type, string reason, string message) =>
        Record(ReferenceTo(regarding), annotations, type, reason, message);

    /// <summary>
    /// Writes queued events until <paramref name="cancellationToken"/> is cancelled, then completes (events still queued
    /// stay queued; no exception on cancellation). Write failures are logged and counted, never thrown.
    /// </summary>
    /// <exception cref="InvalidOperationException">The recorder is already running.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("the event recorder is already running");
        }

        try
        {
            await foreach (var e in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await WriteAsync(e, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private void Record(ObjectReference regarding, IReadOnlyDictionary<string, string>? annotations, string type, string reason, string message)
    {
        if (type is not (EventTypes.Normal or EventTypes.Warning))
        {
            EventRecorderLog.UnsupportedType(_logger, _options.Component, type, reason);
            return;
        }

        var now = _time.GetUtcNow();
        var e = new Event
        {
            Metadata = new ObjectMeta
            {
                Name = _names.Next(regarding.Name, now),
                Namespace = string.IsNullOrEmpty(regarding.Namespace) ? "default" : regarding.Namespace,
                Annotations = annotations,
            },
            InvolvedObject = regarding,
            Reason = reason,
            Message = message,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
            Type = type,
            Source = _source,
            ReportingComponent = _options.Component,
            ReportingInstance = _options.Host ?? "",
        };

        if (!_queue.Writer.TryWrite(e))
        {
            Interlocked.Increment(ref _droppedCount);
            _dropped.Add(1, new KeyValuePair<string, object?>("reason", "queue_full"));
            EventRecorderLog.QueueFull(_logger, _options.Component, reason, Describe(regarding));
        }
    }

    private async Task WriteAsync(Event e, CancellationToken cancellationToken)
    {
        var correlation = _correlator.Correlate(e);
        if (correlation.Skip)
        {
            Interlocked.Increment(ref _spamFilteredCount);
            _dropped.Add(1, new KeyValuePair<string, object?>("reason", "spam"));
            EventRecorderLog.SpamFiltered(_logger, _options.Component, e.Reason ?? "", Describe(e.InvolvedObject));
            return;
        }

        var current = correlation.Event;
        var repeat = correlation.IsRepeat;
        var name = current.Metadata.Name ?? "";
        var ns = current.Metadata.Namespace ?? "";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Event stored;
                if (repeat)
                {
                    try
                    {
                        stored = await _sink.UpdateCountAsync(current, cancellationToken).ConfigureAwait(false);
                    }
                    catch (KubernetesApiException notFound) when (notFound.IsNotFound)
                    {
                        // The stored copy expired (events have a TTL): create it again, as client-go does.
                        repeat = false;
                        current = current with { Metadata = current.Metadata with { ResourceVersion = null } };
                        stored = await _sink.CreateAsync(current, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    stored = await _sink.CreateAsync(current, cancellationToken).ConfigureAwait(false);
                }

                _correlator.Written(correlation, stored);
                Interlocked.Increment(ref _writtenCount);
                return;
            }
            catch (KubernetesApiException rejected)
            {
                Interlocked.Increment(ref _failedCount);
                _dropped.Add(1, new KeyValuePair<string, object?>("reason", "rejected"));
                if (rejected.IsAlreadyExists)
                {
                    EventRecorderLog.AlreadyExists(_logger, _options.Component, name, ns);
                }
                else
                {
                    EventRecorderLog.Rejected(_logger, _options.Component, name, ns, rejected.Code, rejected.Reason);
                }

                return;
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _options.MaxWriteAttempts)
                {
                    Interlocked.Increment(ref _failedCount);
                    _dropped.Add(1, new KeyValuePair<string, object?>("reason", "gave_up"));
                    EventRecorderLog.GaveUp(_logger, _options.Component, name, ns, _options.MaxWriteAttempts, failure);
                    return;
                }

                // The first wait is a random part of the interval, so recorders that lost the server together do not
                // come back together (client-go).
                var delay = attempt == 1 ? _options.RetryInterval * Random.Shared.NextDouble() : _options.RetryInterval;
                EventRecorderLog.Retrying(_logger, _options.Component, name, ns, attempt, _options.MaxWriteAttempts, delay, failure);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Describe(ObjectReference reference) =>
        $"{reference.Kind} {(string.IsNullOrEmpty(reference.Namespace) ? "" : reference.Namespace + "/")}{reference.Name}";
}

using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.WorkQueue;

namespace VirtRigaud.Client.Events;

/// <summary>
/// client-go's <c>EventCorrelator</c>: decides, for each new event, what to write so that repeats do not flood the
/// API server. Three stages, in client-go's order:
/// <list type="number">
/// <item><b>Aggregate</b> (<c>EventAggregatorByReasonFunc</c>): events with the same source, object, type and reason
/// but different messages are counted; once <see cref="EventRecorderOptions.AggregateMaxEvents"/> distinct messages were
/// seen within <see cref="EventRecorderOptions.AggregateInterval"/>, they are written as one event whose message is
/// <c>(combined from similar events): &lt;latest message&gt;</c>.</item>
/// <item><b>Deduplicate</b> (<c>eventLogger</c>): an identical event (same key, message included) already written is not
/// created again: its <c>count</c> goes up and <c>lastTimestamp</c> moves (a patch of the stored event).</item>
/// <item><b>Spam filter</b> (<c>EventSourceObjectSpamFilter</c>): a token bucket per source and object (burst 25,
/// refilled one token per 5 minutes) drops what exceeds it.</item>
/// </list>
/// Not thread-safe: the recorder's single writer loop owns it. Its caches are LRU-bounded.
/// </summary>
internal sealed class EventCorrelator(EventRecorderOptions options, EventNames names)
{
    /// <summary>The prefix of an aggregated event's message (client-go's <c>EventAggregatorByReasonMessageFunc</c>).</summary>
    public const string CombinedPrefix = "(combined from similar events): ";

    // client-go joins the parts with nothing between them, so "ab"+"c" and "a"+"bc" collide; NUL cannot occur in names or reasons.
    private const string KeySeparator = "\0";

    private readonly TimeProvider _time = options.TimeProvider;
    private readonly LruCache<AggregateRecord> _aggregates = new(options.CacheSize);
    private readonly LruCache<Observation> _observations = new(options.CacheSize);
    private readonly LruCache<TokenBucket> _spam = new(options.CacheSize);

    /// <summary>What to do with <paramref name="event"/>; mutates the caches.</summary>
    public Correlation Correlate(Event @event)
    {
        var now = _time.GetUtcNow();

        // 1. Aggregate similar events.
        var aggregateKey = AggregateKey(@event);
        if (!_aggregates.TryGet(aggregateKey, out var record) || now - record.LastTimestamp > options.AggregateInterval)
        {
            record = new AggregateRecord(new HashSet<string>(StringComparer.Ordinal), now);
        }

        record.Messages.Add(@event.Message ?? "");
        record = record with { LastTimestamp = now };
        _aggregates.Set(aggregateKey, record);

        var key = EventKey(@event);
        if (record.Messages.Count >= options.AggregateMaxEvents)
        {
            // Keep the set one below the limit (client-go pops an arbitrary member), so every further similar event is
            // combined too, into one event keyed by the aggregate key.
            record.Messages.Remove(record.Messages.First());
            key = aggregateKey;
            @event = new Event
            {
                Metadata = new() { Name = names.Next(@event.InvolvedObject.Name, now), Namespace = @event.Metadata.Namespace },
                InvolvedObject = @event.InvolvedObject,
                Count = 1,
                FirstTimestamp = now,
                LastTimestamp = now,
                Message = CombinedPrefix + @event.Message,
                Type = @event.Type,
                Reason = @event.Reason,
                Source = @event.Source,
                ReportingComponent = @event.ReportingComponent,
                ReportingInstance = @event.ReportingInstance,
            };
        }

        // 2. Deduplicate: a repeat updates the event written before.
        var repeat = false;
        if (_observations.TryGet(key, out var last) && last.Count > 0)
        {
            repeat = true;
            @event = @event with
            {
                Metadata = @event.Metadata with { Name = last.Name, ResourceVersion = last.ResourceVersion },
                FirstTimestamp = last.FirstTimestamp,
                Count = last.Count + 1,
            };
        }

        _observations.Set(key, new Observation(@event.Count ?? 1, @event.FirstTimestamp, @event.Metadata.Name ?? "", @event.Metadata.ResourceVersion));

        // 3. Spam filter per source and object.
        var spamKey = SpamKey(@event);
        if (!_spam.TryGet(spamKey, out var bucket))
        {
            bucket = new TokenBucket(options.SpamRefillPerSecond, options.SpamBurst, _time);
            _spam.Set(spamKey, bucket);
        }

        return new Correlation(@event, key, repeat, Skip: !bucket.TryTake());
    }

    /// <summary>Records what the server stored, so the next repeat patches the right object (client-go's <c>UpdateState</c>).</summary>
    public void Written(Correlation correlation, Event stored) =>
        _observations.Set(correlation.Key, new Observation(stored.Count ?? 1, stored.FirstTimestamp, stored.Metadata.Name ?? "", stored.Metadata.ResourceVersion));

    private static string EventKey(Event e) => string.Join(
        KeySeparator,
        e.Source?.Component, e.Source?.Host,
        e.InvolvedObject.Kind, e.InvolvedObject.Namespace, e.InvolvedObject.Name, e.InvolvedObject.FieldPath, e.InvolvedObject.Uid, e.InvolvedObject.ApiVersion,
        e.Type, e.Reason, e.Message);

    private static string AggregateKey(Event e) => string.Join(
        KeySeparator,
        e.Source?.Component, e.Source?.Host,
        e.InvolvedObject.Kind, e.InvolvedObject.Namespace, e.InvolvedObject.Name, e.InvolvedObject.Uid, e.InvolvedObject.ApiVersion,
        e.Type, e.Reason, e.ReportingComponent, e.ReportingInstance);

    private static string SpamKey(Event e) => string.Join(
        KeySeparator,
        e.Source?.Component, e.Source?.Host,
        e.InvolvedObject.Kind, e.InvolvedObject.Namespace, e.InvolvedObject.Name, e.InvolvedObject.Uid, e.InvolvedObject.ApiVersion,
        e.Type);

    private sealed record AggregateRecord(HashSet<string> Messages, DateTimeOffset LastTimestamp);

    private sealed record Observation(int Count, DateTimeOffset? FirstTimestamp, string Name, string? ResourceVersion);
}

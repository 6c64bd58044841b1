using System.Globalization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Events;

/// <summary>
/// An <see cref="IEventSink"/> that keeps the events in memory with the API server's create and update rules
/// (AlreadyExists on a duplicate name, NotFound when updating a missing event, a resourceVersion per write) — for unit
/// tests of controllers, and to collect events where no API server is wanted. Thread-safe.
/// </summary>
public sealed class InMemoryEventSink : IEventSink
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Event> _events = new(StringComparer.Ordinal);
    private long _revision;

    /// <summary>A snapshot of the stored events, oldest first by creation.</summary>
    public IReadOnlyList<Event> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events.Values.OrderBy(e => long.Parse(e.Metadata.Uid!, CultureInfo.InvariantCulture))];
            }
        }
    }

    /// <inheritdoc/>
    public Task<Event> CreateAsync(Event @event, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var key = Key(@event);
            if (_events.ContainsKey(key))
            {
                throw new KubernetesApiException(StatusException.AlreadyExists("", "events", @event.Metadata.Name ?? "").Status);
            }

            var revision = (++_revision).ToString(CultureInfo.InvariantCulture);
            var stored = @event with { Metadata = @event.Metadata with { Uid = revision, ResourceVersion = revision } };
            _events.Add(key, stored);
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc/>
    public Task<Event> UpdateCountAsync(Event @event, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var key = Key(@event);
            if (!_events.TryGetValue(key, out var existing))
            {
                throw new KubernetesApiException(StatusException.NotFound("", "events", @event.Metadata.Name ?? "").Status);
            }

            var stored = existing with
            {
                Metadata = existing.Metadata with { ResourceVersion = (++_revision).ToString(CultureInfo.InvariantCulture) },
                Count = @event.Count,
                LastTimestamp = @event.LastTimestamp,
                Message = @event.Message,
            };
            _events[key] = stored;
            return Task.FromResult(stored);
        }
    }

    /// <summary>Removes every event (as if they had expired on the server).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
        }
    }

    private static string Key(Event @event) => (@event.Metadata.Namespace ?? "") + "/" + @event.Metadata.Name;
}

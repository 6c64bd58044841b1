using VirtRigaud.Client.Models.CoreV1;

namespace VirtRigaud.Client.Events;

/// <summary>
/// Where an <see cref="EventRecorder"/> writes core/v1 Events (client-go's <c>record.EventSink</c>). Implementations are
/// thread-safe and report failures as <see cref="Rest.KubernetesApiException"/> (a Status: the event is dropped, except
/// NotFound on <see cref="UpdateCountAsync"/>, which makes the recorder create it instead) or as any other exception
/// (the server could not be reached: the recorder retries).
/// </summary>
public interface IEventSink
{
    /// <summary>Creates <paramref name="event"/> in its namespace and returns the stored object.</summary>
    Task<Event> CreateAsync(Event @event, CancellationToken cancellationToken);

    /// <summary>
    /// A repeat of an event already written: sets <c>count</c>, <c>lastTimestamp</c> and <c>message</c> of the stored
    /// event named by <paramref name="event"/>'s metadata to <paramref name="event"/>'s values, and returns it.
    /// </summary>
    Task<Event> UpdateCountAsync(Event @event, CancellationToken cancellationToken);
}

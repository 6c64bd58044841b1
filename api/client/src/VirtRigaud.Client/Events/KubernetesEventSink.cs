using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Events;

/// <summary>
/// Writes core/v1 Events to the API server (<c>POST /api/v1/namespaces/{ns}/events</c>; repeats as a JSON merge patch
/// of <c>count</c>, <c>lastTimestamp</c> and <c>message</c>, the three fields client-go's strategic patch carries).
/// Thread-safe.
/// </summary>
public sealed class KubernetesEventSink(RestClient rest) : IEventSink
{
    /// <inheritdoc/>
    public Task<Event> CreateAsync(Event @event, CancellationToken cancellationToken) =>
        Client(@event).CreateAsync(@event, cancellationToken: cancellationToken);

    /// <inheritdoc/>
    public Task<Event> UpdateCountAsync(Event @event, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["count"] = @event.Count,
            ["lastTimestamp"] = @event.LastTimestamp is { } last ? Rfc3339.Format(last) : null,
            ["message"] = @event.Message,
        };
        return Client(@event).PatchAsync(@event.Metadata.Name!, KubernetesPatch.Merge(patch), cancellationToken: cancellationToken);
    }

    private ResourceClient<Event> Client(Event @event) => new(rest, ResourceDefinitions.CoreV1Events, @event.Metadata.Namespace ?? "default");
}

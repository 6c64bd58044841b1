using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Events;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Tests.Events;

/// <summary>An <see cref="InMemoryEventSink"/> in front of which a test can put an outage (N transport failures) or a rejection (a Status).</summary>
internal sealed class FlakySink : IEventSink
{
    private int _failuresLeft;

    public InMemoryEventSink Inner { get; } = new();

    public int Calls { get; private set; }

    /// <summary>The next this many calls fail as if the server could not be reached.</summary>
    public int FailuresLeft
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    /// <summary>Every call answers with this Status, when set.</summary>
    public Status? Reject { get; set; }

    public Task<Event> CreateAsync(Event @event, CancellationToken cancellationToken)
    {
        Enter();
        return Inner.CreateAsync(@event, cancellationToken);
    }

    public Task<Event> UpdateCountAsync(Event @event, CancellationToken cancellationToken)
    {
        Enter();
        return Inner.UpdateCountAsync(@event, cancellationToken);
    }

    private void Enter()
    {
        Calls++;
        if (Reject is { } status)
        {
            throw new KubernetesApiException(status);
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new HttpRequestException("Connection refused");
        }

        Interlocked.Exchange(ref _failuresLeft, 0);
    }
}

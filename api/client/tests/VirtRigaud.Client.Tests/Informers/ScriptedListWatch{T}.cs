using System.Runtime.CompilerServices;
using System.Threading.Channels;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Clients;

namespace VirtRigaud.Client.Tests.Informers;

/// <summary>
/// An <see cref="IListWatch{T}"/> whose answers the test scripts, for the protocol cases our server cannot be made to
/// produce on demand (a server that rejects WatchList, an expired continue token, 429 on watch). Lists answer from a
/// queue of responses; each watch is a stream the test feeds event by event (<see cref="NextWatchAsync"/>). Every call
/// is recorded with its options. The reflector behaviour against the real server is covered by the integration tests.
/// </summary>
internal sealed class ScriptedListWatch<T> : IListWatch<T>
    where T : class, IKubernetesObject
{
    private readonly Lock _gate = new();
    private readonly Queue<Func<ListOptions, ObjectList<T>>> _lists = new();
    private readonly Channel<WatchScript> _watches = Channel.CreateUnbounded<WatchScript>();
    private readonly List<ListOptions> _listCalls = [];
    private readonly List<ListOptions> _watchCalls = [];

    public IReadOnlyList<ListOptions> ListCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _listCalls];
            }
        }
    }

    public IReadOnlyList<ListOptions> WatchCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _watchCalls];
            }
        }
    }

    /// <summary>Queues the answer of the next list.</summary>
    public void EnqueueList(string resourceVersion, params T[] items) =>
        EnqueueList(_ => new ObjectList<T> { Metadata = new ListMeta { ResourceVersion = resourceVersion }, Items = items });

    public void EnqueueList(Func<ListOptions, ObjectList<T>> answer)
    {
        lock (_gate)
        {
            _lists.Enqueue(answer);
        }
    }

    public void EnqueueListFailure(Exception exception) => EnqueueList(_ => throw exception);

    /// <summary>Waits for the next watch call and returns its script (the test writes events, then ends or fails it).</summary>
    public async Task<WatchScript> NextWatchAsync() => await _watches.Reader.ReadAsync().AsTask().WaitAsync(WorkQueue.Eventually.DefaultTimeout);

    public Task<ObjectList<T>> ListAsync(ListOptions options, CancellationToken cancellationToken)
    {
        Func<ListOptions, ObjectList<T>> answer;
        lock (_gate)
        {
            _listCalls.Add(options);
            if (!_lists.TryDequeue(out answer!))
            {
                throw new InvalidOperationException($"unexpected list #{_listCalls.Count}");
            }
        }

        return Task.FromResult(answer(options));
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var script = new WatchScript(options);
        lock (_gate)
        {
            _watchCalls.Add(options);
        }

        _watches.Writer.TryWrite(script);
        await foreach (var step in script.Steps.Reader.ReadAllAsync(cancellationToken))
        {
            if (step.Failure is not null)
            {
                throw step.Failure;
            }

            yield return step.Event!;
        }
    }

    /// <summary>One watch call: the options it was made with and the events the test feeds it.</summary>
    internal sealed class WatchScript(ListOptions options)
    {
        public ListOptions Options { get; } = options;

        public Channel<(WatchEvent<T>? Event, Exception? Failure)> Steps { get; } = Channel.CreateUnbounded<(WatchEvent<T>?, Exception?)>();

        public void Send(string type, T obj) => Steps.Writer.TryWrite((new WatchEvent<T> { Type = type, Object = obj }, null));

        public void Fail(Exception exception)
        {
            Steps.Writer.TryWrite((null, exception));
            Steps.Writer.TryComplete();
        }

        public void End() => Steps.Writer.TryComplete();
    }
}

using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace VirtRigaud.Client.Informers;

/// <summary>
/// One handler of a shared informer (client-go's <c>processorListener</c>): an unbounded FIFO of notifications that a
/// pump task delivers to the handler one at a time, so a slow handler never blocks the informer or other handlers.
/// <see cref="Enqueue"/> is called under the informer's apply lock (that lock gives the order); the pump runs alone.
/// </summary>
internal sealed class ProcessorListener<T>
    where T : class
{
    private readonly Channel<Notification<T>> _channel = Channel.CreateUnbounded<Notification<T>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _name;
    private readonly ILogger _logger;
    private Task? _pump;

    public ProcessorListener(IResourceEventHandler<T> handler, TimeSpan resyncPeriod, long nextResync, string name, ILogger logger)
    {
        Handler = handler;
        ResyncPeriod = resyncPeriod;
        NextResync = nextResync;
        _name = name;
        _logger = logger;
    }

    public IResourceEventHandler<T> Handler { get; }

    /// <summary>Zero: no resyncs. Guarded by the informer's apply lock.</summary>
    public TimeSpan ResyncPeriod { get; }

    /// <summary>The timestamp of the next resync. Guarded by the informer's apply lock.</summary>
    public long NextResync { get; set; }

    /// <summary>Whether the handler has been given every notification of its initial state.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    public Task Synced => _synced.Task;

    public void Enqueue(Notification<T> notification) => _channel.Writer.TryWrite(notification);

    /// <summary>Starts the pump (once).</summary>
    public void Start() => _pump ??= Task.Run(PumpAsync);

    /// <summary>Stops delivering (queued notifications are dropped) and waits for the handler call in progress.</summary>
    public async Task StopAsync()
    {
        _channel.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var n in _channel.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                Deliver(n);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void Deliver(Notification<T> n)
    {
        try
        {
            switch (n.Kind)
            {
                case NotificationKind.Add:
                    Handler.OnAdd(n.Object!, n.IsInInitialList);
                    break;
                case NotificationKind.Update:
                    Handler.OnUpdate(n.OldObject!, n.Object!);
                    break;
                case NotificationKind.Delete:
                    Handler.OnDelete(n.Object!, n.Tombstone);
                    break;
                case NotificationKind.Synced:
                    _synced.TrySetResult();
                    break;
            }
        }
        catch (Exception e)
        {
            // A faulty handler must not stop the informer or lose the notifications after this one.
            ReflectorLog.HandlerFailed(_logger, _name, n.ToString(), e);
        }
    }
}

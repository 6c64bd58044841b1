using Microsoft.Extensions.Logging;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// Follows provider tasks with the contract's WatchTask stream and wakes the VM that waits for one (puts its key in
/// the controller's queue) the moment the task ends, so a VM with a running task needs no fast polling. The
/// reconciler still reads the outcome with TaskStatus (through the breaker); the stream is only the doorbell.
/// </summary>
/// <remarks>
/// <para>A Provider that answered WatchTask with UNIMPLEMENTED (every upstream provider) is not watched: its tasks are
/// polled by requeue. At most <see cref="VirtualMachineReconcilerOptions.MaxTaskWatchesPerProvider"/> streams run per
/// Provider, beyond that tasks are polled too. A stream that breaks (provider restart, channel rebuilt) also wakes
/// the VM, which then polls.</para>
/// <para>Streams live until the task ends or <see cref="RunAsync"/>'s token is cancelled (the manager stops or
/// loses leadership). Thread-safe.</para>
/// </remarks>
internal sealed class TaskWatcher
{
    private readonly int _maxPerProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Provider, string Task), Task> _watches = [];
    private readonly Dictionary<string, int> _perProvider = new(StringComparer.Ordinal);
    private volatile IController? _target;

    public TaskWatcher(int maxPerProvider, ILogger logger)
    {
        _maxPerProvider = maxPerProvider;
        _logger = logger;
    }

    /// <summary>Streams running now (for tests and diagnostics).</summary>
    public int Active
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>The controller whose queue receives the wake-ups; set once the controller is built.</summary>
    public void Attach(IController controller) => _target = controller;

    /// <summary>
    /// Makes sure a stream follows <paramref name="taskId"/> on <paramref name="connection"/> and wakes
    /// <paramref name="key"/> when it ends. Returns false when the task is polled instead (no WatchTask, too many
    /// streams, not attached, or stopping); the caller then requeues at its poll interval.
    /// </summary>
    public bool Watch(ObjectKey key, ProviderConnection connection, string taskId)
    {
        if (_target is null || _lifetime.IsCancellationRequested || connection.Client.WatchTaskUnsupported)
        {
            return false;
        }

        var provider = connection.Target.Namespace + "/" + connection.Target.Name;
        var id = (provider, taskId);
        lock (_gate)
        {
            if (_watches.ContainsKey(id))
            {
                return true;
            }

            var running = _perProvider.GetValueOrDefault(provider);
            if (running >= _maxPerProvider)
            {
                return false;
            }

            _perProvider[provider] = running + 1;

            // Started outside the caller's worker; its cleanup takes this lock, so it cannot run before the add below.
            _watches[id] = Task.Run(() => FollowAsync(key, connection, id));
            return true;
        }
    }

    /// <summary>Holds the streams' lifetime: returns after <paramref name="cancellationToken"/> is cancelled and every stream ended.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        List<Task> watches;
        lock (_gate)
        {
            watches = [.. _watches.Values];
        }

        await Task.WhenAll(watches).ConfigureAwait(false);
    }

    private async Task FollowAsync(ObjectKey key, ProviderConnection connection, (string Provider, string Task) id)
    {
        var token = _lifetime.Token;
        var wake = true;
        try
        {
            await foreach (var progress in connection.Client.WatchTaskAsync(new TaskRef { Id = id.Task }, cancellationToken: token).ConfigureAwait(false))
            {
                if (progress.Done)
                {
                    break;
                }
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            wake = false;
        }
        catch (Exception e)
        {
            // Any failure (provider restarted, channel rebuilt, deadline): the reconciler polls TaskStatus and reports
            // what it finds; the stream only failed to ring. Never thrown: it would stop the manager.
            VirtualMachineLog.TaskWatchEnded(_logger, key.ToString(), id.Task, e is RpcException rpc ? rpc.StatusCode.ToString() : e.GetType().Name);
        }
        finally
        {
            lock (_gate)
            {
                _watches.Remove(id);
                _perProvider[id.Provider] = Math.Max(0, _perProvider.GetValueOrDefault(id.Provider) - 1);
            }
        }

        if (wake)
        {
            _target?.Enqueue(key);
        }
    }
}

using System.Threading.Channels;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Tasks;

/// <summary>
/// One task's state inside a <see cref="TaskRegistry"/>: progress, outcome and the followers to notify. Every field is
/// guarded by <see cref="_sync"/>; a follower gets a bounded channel that keeps only the newest snapshot, so a slow
/// follower never holds the task back and never misses the final (done) snapshot.
/// </summary>
internal sealed class TrackedTask
{
    private readonly Lock _sync = new();
    private readonly List<Channel<TaskProgress>> _followers = [];
    private long _bytesDone;
    private long _bytesTotal;
    private double _percentage;
    private string _message = "";
    private string _phase = "";
    private string? _error;
    private bool _done;

    public TrackedTask(string id, string operation, CancellationTokenSource cancellation)
    {
        Id = id;
        Operation = operation;
        Cancellation = cancellation;
    }

    public string Id { get; }

    /// <summary>The operation's name, for logs (e.g. <c>ExportDisk</c>).</summary>
    public string Operation { get; }

    /// <summary>Cancelled when the registry gives up on running tasks (shutdown after the grace period).</summary>
    public CancellationTokenSource Cancellation { get; }

    /// <summary>Completes when the work has finished and the outcome is recorded.</summary>
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsDone
    {
        get
        {
            lock (_sync)
            {
                return _done;
            }
        }
    }

    /// <summary>The current progress as a new message.</summary>
    public TaskProgress Snapshot()
    {
        lock (_sync)
        {
            return SnapshotLocked();
        }
    }

    /// <summary>Replaces the progress (null arguments keep the previous value) and notifies followers. Ignored once done.</summary>
    public void Update(long? bytesDone, long? bytesTotal, double? percentage, string? message, string? phase)
    {
        lock (_sync)
        {
            if (_done)
            {
                return;
            }

            if (bytesDone is { } done)
            {
                _bytesDone = done;
                _bytesTotal = bytesTotal ?? _bytesTotal;
                if (_bytesTotal > 0)
                {
                    _percentage = Math.Clamp(100.0 * _bytesDone / _bytesTotal, 0, 100);
                }
            }

            if (percentage is { } value)
            {
                _percentage = value;
            }

            _message = message ?? _message;
            _phase = phase ?? _phase;
            NotifyLocked(complete: false);
        }
    }

    /// <summary>Records the outcome (<paramref name="error"/> null = success) once and tells the followers; later calls are ignored.</summary>
    public bool Complete(string? error)
    {
        lock (_sync)
        {
            if (_done)
            {
                return false;
            }

            _done = true;
            _error = error;
            if (error is null)
            {
                _percentage = 100;
                if (_bytesTotal > 0)
                {
                    _bytesDone = Math.Max(_bytesDone, _bytesTotal);
                }
            }

            NotifyLocked(complete: true);
            _followers.Clear();
        }

        Finished.TrySetResult();
        return true;
    }

    /// <summary>A channel that receives the current snapshot now and every later change; completed after the done snapshot.</summary>
    public Channel<TaskProgress> Follow()
    {
        var channel = Channel.CreateBounded<TaskProgress>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        lock (_sync)
        {
            channel.Writer.TryWrite(SnapshotLocked());
            if (_done)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _followers.Add(channel);
            }
        }

        return channel;
    }

    public void Unfollow(Channel<TaskProgress> channel)
    {
        lock (_sync)
        {
            _followers.Remove(channel);
        }
    }

    private void NotifyLocked(bool complete)
    {
        var snapshot = SnapshotLocked();
        foreach (var follower in _followers)
        {
            follower.Writer.TryWrite(snapshot);
            if (complete)
            {
                follower.Writer.TryComplete();
            }
        }
    }

    private TaskProgress SnapshotLocked() => new()
    {
        Task = new TaskRef { Id = Id },
        Done = _done,
        Error = _error ?? "",
        BytesDone = _bytesDone,
        BytesTotal = _bytesTotal,
        Percentage = _percentage,
        Message = _message,
        Phase = _phase,
    };
}

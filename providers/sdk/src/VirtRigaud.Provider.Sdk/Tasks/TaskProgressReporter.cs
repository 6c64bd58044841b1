namespace VirtRigaud.Provider.Sdk.Tasks;

/// <summary>
/// Handed to a task's work by <see cref="TaskRegistry.Start"/>: reports how far it got. Every report replaces the
/// previous progress and is pushed to WatchTask followers (who may see only the latest of quick successive reports).
/// Reports after the task finished are ignored. Thread-safe.
/// </summary>
public sealed class TaskProgressReporter
{
    private readonly TrackedTask _task;

    internal TaskProgressReporter(TrackedTask task)
    {
        _task = task;
    }

    /// <summary>The task's id (as returned in the TaskRef).</summary>
    public string TaskId => _task.Id;

    /// <summary>
    /// Bytes processed of a data-moving operation (export, import, download); the percentage follows from them when the
    /// total is known (&gt; 0). A null <paramref name="bytesTotal"/>, <paramref name="message"/> or
    /// <paramref name="phase"/> keeps the previous one; a total of 0 means unknown.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A byte count is negative.</exception>
    public void ReportBytes(long bytesDone, long? bytesTotal = null, string? message = null, string? phase = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesDone);
        if (bytesTotal is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytesTotal), bytesTotal, "A byte count cannot be negative.");
        }

        _task.Update(bytesDone, bytesTotal, percentage: null, message, phase);
    }

    /// <summary>A percentage in [0, 100] for operations that do not move bytes (or whose total is unknown).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentage"/> is outside [0, 100] or not a number.</exception>
    public void ReportPercentage(double percentage, string? message = null, string? phase = null)
    {
        if (!(percentage is >= 0 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentage), percentage, "A percentage is between 0 and 100.");
        }

        _task.Update(bytesDone: null, bytesTotal: null, percentage, message, phase);
    }

    /// <summary>A progress line (and step name) without numbers. Never put a secret in it: followers see it.</summary>
    public void ReportMessage(string message, string? phase = null) =>
        _task.Update(bytesDone: null, bytesTotal: null, percentage: null, message, phase);
}

using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Logging;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Tasks;

/// <summary>
/// Long operations of a provider, run in the background and observed through TaskStatus and WatchTask. A handler
/// that cannot finish within the call starts its work here and returns the <see cref="TaskRef"/>:
/// <code>
/// public override Task&lt;ExportDiskResponse&gt; ExportDiskAsync(ExportDiskRequest request, ServerCallContext context) =>
///     Task.FromResult(new ExportDiskResponse { ExportId = id, Task = _tasks.Start("ExportDisk", (progress, ct) => CopyAsync(request, progress, ct)) });
/// public override Task&lt;TaskStatusResponse&gt; TaskStatusAsync(TaskStatusRequest request, ServerCallContext context) =>
///     Task.FromResult(_tasks.GetStatus(request));
/// public override Task WatchTaskAsync(WatchTaskRequest request, IServerStreamWriter&lt;TaskProgress&gt; responses, ServerCallContext context) =>
///     _tasks.WatchAsync(request, responses, context);
/// </code>
/// <list type="table">
/// <listheader><term>the work</term><description>the task ends</description></listheader>
/// <item><term>returns</term><description>done, no error, 100 %</description></item>
/// <item><term>throws <see cref="ProviderException"/></term><description>done with its message as the error</description></item>
/// <item><term>throws anything else</term><description>done with a generic error and a reference; the exception is logged</description></item>
/// <item><term>is cancelled by shutdown</term><description>done with "cancelled: the provider is shutting down"</description></item>
/// </list>
/// Unknown ids (never started here, or forgotten after <see cref="TaskRegistryOptions.Retention"/> or beyond
/// <see cref="TaskRegistryOptions.MaxFinishedTasks"/>) are NOT_FOUND, as the proto specifies. Tasks live in memory:
/// a restarted provider knows none of them, and the manager re-observes the VM with Describe. Thread-safe.
/// </summary>
public sealed class TaskRegistry : IAsyncDisposable
{
    private const int IdRandomHexDigits = 32;

    private readonly TaskRegistryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, TrackedTask> _tasks = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset FinishedAt)> _finished = new();
    private int _running;
    private bool _closed;

    /// <exception cref="ValidationException">The options are out of range.</exception>
    public TaskRegistry(TaskRegistryOptions options, TimeProvider time, ILogger<TaskRegistry> logger)
    {
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many tasks are running now (the <c>virtrigaud_provider_tasks_inflight</c> gauge).</summary>
    public int RunningCount => Volatile.Read(ref _running);

    /// <summary>
    /// Starts <paramref name="work"/> in the background and returns its reference at once. The work receives a reporter
    /// for progress and a token that fires only when the registry gives up on running tasks (shutdown), never when the
    /// starting call ends: the caller's deadline does not cancel the operation it started.
    /// </summary>
    /// <param name="operation">A name for logs (e.g. <c>ExportDisk</c>); never a secret.</param>
    /// <param name="work">The operation.</param>
    /// <exception cref="ProviderException">UNAVAILABLE once shutdown has begun.</exception>
    public TaskRef Start(string operation, Func<TaskProgressReporter, CancellationToken, Task> work)
    {
        var id = _options.IdPrefix + RandomNumberGenerator.GetHexString(IdRandomHexDigits, lowercase: true);
        var task = new TrackedTask(id, operation, new CancellationTokenSource());
        lock (_sync)
        {
            if (_closed)
            {
                task.Cancellation.Dispose();
                throw ProviderErrors.Unavailable("the provider is shutting down; retry against its replacement");
            }

            PruneLocked();
            _tasks.Add(id, task);
            _running++;
        }

        ProviderSdkLog.TaskStarted(_logger, id, operation);
        _ = Task.Run(() => RunAsync(task, work));
        return new TaskRef { Id = id };
    }

    /// <summary>The current progress of task <paramref name="id"/>, or <see langword="false"/> when it is unknown. Read-only.</summary>
    public bool TryGetProgress(string id, [NotNullWhen(true)] out TaskProgress? progress)
    {
        progress = Find(id)?.Snapshot();
        return progress is not null;
    }

    /// <summary>TaskStatus served from the registry. Read-only.</summary>
    /// <exception cref="ProviderException">INVALID_ARGUMENT for an empty id, NOT_FOUND for an unknown one.</exception>
    public TaskStatusResponse GetStatus(TaskStatusRequest request)
    {
        var progress = Require(request.Task?.Id).Snapshot();
        return new TaskStatusResponse { Done = progress.Done, Error = progress.Error };
    }

    /// <summary>
    /// WatchTask served from the registry: the current progress at once, then every change (coalesced for a slow
    /// client), and the stream ends after the done snapshot. Read-only.
    /// </summary>
    /// <exception cref="ProviderException">INVALID_ARGUMENT for an empty id, NOT_FOUND for an unknown one.</exception>
    public async Task WatchAsync(WatchTaskRequest request, IServerStreamWriter<TaskProgress> responses, ServerCallContext context)
    {
        var task = Require(request.Task?.Id);
        await foreach (var progress in FollowAsync(task, context.CancellationToken).ConfigureAwait(false))
        {
            await responses.WriteAsync(progress, context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The progress of task <paramref name="id"/> as it changes, ending after the done snapshot. Read-only.</summary>
    /// <exception cref="ProviderException">INVALID_ARGUMENT for an empty id, NOT_FOUND for an unknown one.</exception>
    public IAsyncEnumerable<TaskProgress> WatchAsync(string id, CancellationToken cancellationToken) =>
        FollowAsync(Require(id), cancellationToken);

    /// <summary>
    /// Refuses new tasks from now on (<see cref="Start"/> answers UNAVAILABLE) and waits until the running ones finish
    /// or <paramref name="cancellationToken"/> fires (the end of the grace period). Returns how many are still running.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        Task[] running;
        lock (_sync)
        {
            _closed = true;
            running = [.. _tasks.Values.Where(t => !t.IsDone).Select(t => t.Finished.Task)];
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The grace period is over; the caller cancels what is left.
        }

        return RunningCount;
    }

    /// <summary>Refuses new tasks, cancels the running ones and waits for them to record their outcome.</summary>
    public async ValueTask DisposeAsync()
    {
        TrackedTask[] running;
        lock (_sync)
        {
            _closed = true;
            running = [.. _tasks.Values.Where(t => !t.IsDone)];
        }

        foreach (var task in running)
        {
            await task.Cancellation.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(running.Select(t => t.Finished.Task)).ConfigureAwait(false);
    }

    private async Task RunAsync(TrackedTask task, Func<TaskProgressReporter, CancellationToken, Task> work)
    {
        string? error;
        try
        {
            await work(new TaskProgressReporter(task), task.Cancellation.Token).ConfigureAwait(false);
            error = null;
        }
        catch (ProviderException e)
        {
            error = e.Message;
            ProviderSdkLog.TaskFailed(_logger, task.Id, task.Operation, e.Code.ToString(), e.InnerException);
        }
        catch (OperationCanceledException) when (task.Cancellation.IsCancellationRequested)
        {
            error = "cancelled: the provider is shutting down";
            ProviderSdkLog.TaskCancelled(_logger, task.Id, task.Operation);
        }
        catch (Exception e)
        {
            var reference = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            error = $"internal provider error (reference {reference}); the details are in the provider's log";
            ProviderSdkLog.TaskCrashed(_logger, task.Id, task.Operation, reference, e);
        }

        lock (_sync)
        {
            _running--;
            _finished.Enqueue((task.Id, _time.GetUtcNow()));
        }

        // The cancellation source is not disposed: DisposeAsync may still cancel it, and it holds no timer.
        task.Complete(error);
        if (error is null)
        {
            ProviderSdkLog.TaskSucceeded(_logger, task.Id, task.Operation);
        }
    }

    private static async IAsyncEnumerable<TaskProgress> FollowAsync(TrackedTask task, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = task.Follow();
        try
        {
            await foreach (var progress in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return progress;
                if (progress.Done)
                {
                    yield break;
                }
            }
        }
        finally
        {
            task.Unfollow(channel);
        }
    }

    private TrackedTask Require(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw ProviderErrors.InvalidArgument("task id is empty");
        }

        return Find(id) ?? throw ProviderErrors.NotFound(
            $"task \"{id}\" is unknown: it was never started by this provider process or was forgotten after its retention");
    }

    private TrackedTask? Find(string id)
    {
        lock (_sync)
        {
            PruneLocked();
            return _tasks.GetValueOrDefault(id);
        }
    }

    /// <summary>Forgets finished tasks past their retention, then the oldest beyond the bound. Finish order is queue order.</summary>
    private void PruneLocked()
    {
        var expiredBefore = _time.GetUtcNow() - _options.Retention;
        while (_finished.TryPeek(out var oldest) && (oldest.FinishedAt <= expiredBefore || _finished.Count > _options.MaxFinishedTasks))
        {
            _finished.Dequeue();
            _tasks.Remove(oldest.Id);
        }
    }
}

using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;
using static VirtRigaud.Provider.Conformance.ConformanceContext;

namespace VirtRigaud.Provider.Conformance.Cases;

/// <summary>task-status and watch-task: long operations as TaskStatus and our additive WatchTask stream report them.</summary>
internal static class TaskCases
{
    public static readonly ConformanceCase TaskStatus = new(
        ConformanceCaseNames.TaskStatus,
        "Every task an operation returns reaches done without error and stays done; TaskStatus answers INVALID_ARGUMENT for an empty id and NOT_FOUND for an unknown one.",
        TaskStatusAsync);

    public static readonly ConformanceCase WatchTask = new(
        ConformanceCaseNames.WatchTask,
        "WatchTask (our addition) streams full progress snapshots of a task, percentage in [0, 100], ending with exactly one done message at 100 % and OK; NOT_FOUND for an unknown task. Skipped when the provider answers UNIMPLEMENTED (clients poll TaskStatus).",
        WatchTaskAsync);

    private static async Task<CaseVerdict> TaskStatusAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        // Operations that providers commonly run as tasks; each task is awaited by the helpers, which record it.
        var id = await context.CreateVmAsync("task", cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.On, PowerCases.On, cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.Off, PowerCases.Off, cancellationToken).ConfigureAwait(false);
        await context.DeleteVmAsync(id, cancellationToken).ConfigureAwait(false);

        // Done is final: a finished task answers done again (until the provider forgets it, which it may only do later).
        foreach (var taskId in context.TasksSeen)
        {
            var again = await context.Client.TaskStatusAsync(new TaskStatusRequest { Task = new TaskRef { Id = taskId } }, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            context.Step($"TaskStatus {taskId} again → done={Lower(again.Done)} error={Quote(again.Error)}");
            Check(again.Done && again.Error.Length == 0, $"TaskStatus of the finished task {taskId} now answers done={Lower(again.Done)} error={Quote(again.Error)}");
        }

        await context.ExpectStatusAsync(
            "TaskStatus of an empty task id",
            [StatusCode.InvalidArgument],
            () => context.Client.TaskStatusAsync(new TaskStatusRequest { Task = new TaskRef() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await context.ExpectStatusAsync(
            "TaskStatus of an unknown task id",
            [StatusCode.NotFound],
            () => context.Client.TaskStatusAsync(new TaskStatusRequest { Task = new TaskRef { Id = context.Name("no-such-task") } }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);

        return context.TasksSeen.Count == 0
            ? CaseVerdict.Pass("every operation completed synchronously (no task returned); only TaskStatus's error answers were checked")
            : CaseVerdict.Pass();
    }

    private static async Task<CaseVerdict> WatchTaskAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        // The unknown task first: it tells whether the provider has the RPC at all. The client falls back to polling on
        // UNIMPLEMENTED, and the fallback's TaskStatus answers NOT_FOUND too, so the client's flag says which path ran.
        var unknown = new TaskRef { Id = context.Name("no-such-task") };
        await context.ExpectStatusAsync(
            "WatchTask of an unknown task id",
            [StatusCode.NotFound],
            async () =>
            {
                await foreach (var progress in context.Client.WatchTaskAsync(unknown, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    context.Step($"WatchTask {unknown.Id} → {progress}");
                }
            }).ConfigureAwait(false);
        if (context.Client.WatchTaskUnsupported)
        {
            return CaseVerdict.Skip("the provider answers WatchTask with UNIMPLEMENTED (an upstream provider); clients poll TaskStatus instead");
        }

        var id = await context.CreateVmAsync("watch", cancellationToken).ConfigureAwait(false);
        var tasks = 0;
        foreach (var op in new[] { PowerOp.On, PowerOp.Off })
        {
            var response = await context.Client.PowerAsync(new PowerRequest { Id = id, Op = op }, cancellationToken: cancellationToken).ConfigureAwait(false);
            context.Step($"Power {id} {op} → OK{TaskSuffix(response.Task)}");
            if (response.Task is null || response.Task.Id.Length == 0)
            {
                continue;
            }

            tasks++;
            await CheckStreamAsync(context, response.Task, $"WatchTask of Power {op}", cancellationToken).ConfigureAwait(false);

            // A finished task is still watchable: one done snapshot, then OK.
            var finished = await CheckStreamAsync(context, response.Task, $"WatchTask of the finished Power {op} task", cancellationToken).ConfigureAwait(false);
            Check(finished == 1, $"WatchTask of the finished task {response.Task.Id} sent {finished} messages, want exactly 1 (done)");
        }

        return tasks == 0
            ? CaseVerdict.Pass("power operations completed synchronously (no task to watch); only WatchTask's NOT_FOUND answer was checked")
            : CaseVerdict.Pass();
    }

    /// <summary>Reads a whole WatchTask stream, checks every snapshot and the end; returns the number of messages.</summary>
    private static async Task<int> CheckStreamAsync(ConformanceContext context, TaskRef task, string what, CancellationToken cancellationToken)
    {
        var messages = 0;
        TaskProgress? last = null;
        await foreach (var progress in context.Client.WatchTaskAsync(task, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            messages++;
            Check(last is null || !last.Done, $"{what}: a message after the done one: {progress}");
            Check(progress.Task?.Id == task.Id, $"{what}: a message about task \"{progress.Task?.Id}\", want \"{task.Id}\"");
            Check(progress.Percentage is >= 0 and <= 100, $"{what}: percentage {progress.Percentage} outside [0, 100]");
            Check(progress.BytesDone >= 0 && progress.BytesTotal >= 0, $"{what}: negative byte counts in {progress}");
            Check(progress.BytesTotal == 0 || progress.BytesDone <= progress.BytesTotal, $"{what}: bytes_done {progress.BytesDone} beyond bytes_total {progress.BytesTotal}");
            Check(progress.Error.Length == 0 || progress.Done, $"{what}: error set on a message that is not done: {progress}");
            last = progress;
        }

        context.Step($"{what} → {messages} message(s), last {last}");
        Check(last is not null, $"{what}: the stream ended without a message");
        Check(last!.Done, $"{what}: the stream ended OK before a done message (last: {last})");
        Check(last.Error.Length == 0, $"{what}: the task failed: {Quote(last.Error)}");
        Check(last.Percentage == 100, $"{what}: done without error at {last.Percentage} %, want 100");
        return messages;
    }
}

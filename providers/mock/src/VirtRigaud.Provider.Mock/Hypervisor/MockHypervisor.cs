using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.State;
using VirtRigaud.Provider.Sdk.Concurrency;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>
/// An in-memory hypervisor: VMs with a power state machine, disks, NICs, a snapshot tree, full and linked clones, a
/// template/image/disk store backed by real files, and tasks. It is the model behind the mock provider's RPCs and can
/// be driven directly in process.
/// <para>
/// Semantics. Every mutation is checked and applied at once (the state the VM is heading to is visible to the next
/// call); when the operation's duration (<see cref="MockHypervisorOptions.DurationOf"/>) is positive it also starts a
/// task that is done when the clock (<see cref="TimeProvider"/>) reaches its due time, and power transitions are shown
/// until then (<see cref="VmPowerState"/>). A VM with an unfinished task refuses other mutations with
/// FAILED_PRECONDITION (as vSphere's "another task is in progress"), except idempotent repeats, which join the running
/// task, and a hard power-off, which pre-empts a power transition. Failures are <see cref="ProviderException"/>s with
/// the contract's status codes. With a state file every mutation is saved before the call returns.
/// </para>
/// Thread-safe: one lock guards the state; file work (export, import, downloads) runs outside it.
/// </summary>
public sealed partial class MockHypervisor
{
    private const string SuccessMessage = "completed";

    private readonly Lock _gate = new();
    private readonly MockHypervisorOptions _options;
    private readonly TimeProvider _time;
    private readonly FaultInjector _faults;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly MockStateStore? _store;
    private readonly KeyedAsyncLock _nameLocks = new();
    private readonly Dictionary<string, MockVm> _vms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MockTask> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MockStoredDisk> _stored = new(StringComparer.Ordinal);
    private long _nextVmNumber = 1;
    private long _nextTaskNumber = 1;
    private long _nextSnapshotNumber = 1;
    private bool _started;

    /// <summary>Creates the hypervisor; <see cref="StartAsync"/> loads the state and must run before any other call.</summary>
    public MockHypervisor(MockHypervisorOptions options, TimeProvider time, FaultInjector faults, HttpClient http, ILogger<MockHypervisor> logger)
    {
        _options = options;
        _time = time;
        _faults = faults;
        _http = http;
        _logger = logger;
        _store = options.StateFile is { Length: > 0 } file ? new MockStateStore(file) : null;
    }

    /// <summary>The options it runs with.</summary>
    public MockHypervisorOptions Options => _options;

    /// <summary>What it offers.</summary>
    public MockCapabilities Capabilities => _options.Capabilities;

    private string ImagesDirectory => Path.Combine(_options.DataDirectory, "images");

    private string DisksDirectory => Path.Combine(_options.DataDirectory, "disks");

    private string VmsDirectory => Path.Combine(_options.DataDirectory, "vms");

    /// <summary>
    /// Validates the options, creates the data folders, loads the state file (when configured) and registers the
    /// templates. Mutates this instance; call once.
    /// </summary>
    /// <exception cref="InvalidOperationException">Invalid options, or a state file that cannot be read.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"invalid mock hypervisor options: {string.Join("; ", errors)}");
        }

        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(ImagesDirectory);
        Directory.CreateDirectory(DisksDirectory);
        MockStateDocument? document;
        try
        {
            document = _store?.Load();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }

        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("The mock hypervisor is already started.");
            }

            if (document is not null)
            {
                _nextVmNumber = document.NextVmNumber;
                _nextTaskNumber = document.NextTaskNumber;
                _nextSnapshotNumber = document.NextSnapshotNumber;
                var now = _time.GetUtcNow();
                foreach (var vm in document.Vms)
                {
                    _vms[vm.Id] = vm;
                    if (vm.Power == VmPowerState.On)
                    {
                        vm.RunCancellation = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
                    }
                    else if (vm.Transition is { } stopping && stopping.Until > now)
                    {
                        // A guest still shutting down when the state was saved: it stops at the transition's end.
                        vm.RunCancellation = new CancellationTokenSource(stopping.Until - now, _time);
                    }
                }

                foreach (var task in document.Tasks)
                {
                    _tasks[task.Id] = task;
                }

                foreach (var disk in document.StoredDisks)
                {
                    _stored[StoredKey(disk.Kind, disk.Name)] = disk;
                }
            }

            foreach (var template in _options.Templates)
            {
                var key = StoredKey(StoredDiskKind.Template, template);
                if (!_stored.ContainsKey(key))
                {
                    _stored[key] = new MockStoredDisk
                    {
                        Name = template,
                        Kind = StoredDiskKind.Template,
                        Format = "template",
                        VirtualSizeBytes = GiB(_options.TemplateSizeGiB),
                        ContentId = DeterministicIdentity.ContentId($"template/{template}"),
                        Source = "catalogue",
                    };
                }
            }

            _started = true;
            MockLog.Started(_logger, _vms.Count, _stored.Count, _store?.Path ?? "(none: in memory)");
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether the hypervisor is reachable (false while the "down" fault is on). Read-only.</summary>
    public ValidationReport Validate()
    {
        if (_faults.IsDown)
        {
            return new ValidationReport(false, "hypervisor unreachable (mock fault injection: down)");
        }

        lock (_gate)
        {
            EnsureStarted();
            return new ValidationReport(true, string.Create(CultureInfo.InvariantCulture, $"mock hypervisor ready: {_vms.Count} VMs"));
        }
    }

    /// <summary>The VM's state now, or <c>null</c> when it does not exist. Read-only.</summary>
    public VmStatus? Describe(string vmId)
    {
        lock (_gate)
        {
            EnsureStarted();
            return _vms.TryGetValue(vmId, out var vm) ? StatusOf(vm, _time.GetUtcNow()) : null;
        }
    }

    /// <summary>Every VM, in creation order (ids <c>vm-&lt;n&gt;</c> by number). Read-only.</summary>
    public IReadOnlyList<VmStatus> ListVms()
    {
        lock (_gate)
        {
            EnsureStarted();
            var now = _time.GetUtcNow();
            return [.. _vms.Values.OrderBy(v => v.Id.Length).ThenBy(v => v.Id, StringComparer.Ordinal).Select(v => StatusOf(v, now))];
        }
    }

    /// <summary>The id of the VM named <paramref name="name"/>, or <c>null</c>. Read-only.</summary>
    public string? FindVmId(string name)
    {
        lock (_gate)
        {
            return FindByName(name)?.Id;
        }
    }

    /// <summary>A task's progress now. Read-only.</summary>
    /// <exception cref="ProviderException">NOT_FOUND: never started here, or forgotten after its retention.</exception>
    public TaskProgressSnapshot GetTask(string taskId)
    {
        lock (_gate)
        {
            EnsureStarted();
            return ProgressOf(RequireTask(taskId), _time.GetUtcNow());
        }
    }

    /// <summary>
    /// Follows a task: yields its progress at once, then whenever it changes (at most every
    /// <see cref="MockHypervisorOptions.WatchProgressInterval"/>, and exactly at its due time), and ends after the
    /// snapshot with <c>Done</c>. Read-only.
    /// </summary>
    /// <exception cref="ProviderException">NOT_FOUND for an unknown task.</exception>
    public async IAsyncEnumerable<TaskProgressSnapshot> WatchTaskAsync(string taskId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TaskProgressSnapshot? last = null;
        while (true)
        {
            TaskProgressSnapshot current;
            DateTimeOffset now;
            lock (_gate)
            {
                EnsureStarted();
                now = _time.GetUtcNow();
                current = ProgressOf(RequireTask(taskId), now);
            }

            if (current != last)
            {
                yield return current;
                last = current;
            }

            if (current.Done)
            {
                yield break;
            }

            var untilDue = current.DueAt - now;
            var wait = untilDue < _options.WatchProgressInterval ? untilDue : _options.WatchProgressInterval;
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void EnsureStarted()
    {
        if (!_started)
        {
            throw new InvalidOperationException("The mock hypervisor is not started (call StartAsync first).");
        }
    }

    private MockVm RequireVm(string vmId)
    {
        RequireField(vmId, "vm id");
        return _vms.TryGetValue(vmId, out var vm) ? vm : throw ProviderErrors.NotFound("vm", vmId);
    }

    private MockTask RequireTask(string taskId)
    {
        RequireField(taskId, "task id");
        return _tasks.TryGetValue(taskId, out var task) ? task : throw ProviderErrors.NotFound("task", taskId);
    }

    private static void RequireField(string value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw ProviderErrors.InvalidArgument($"{field} is required");
        }
    }

    private static void RequireName(string value, string field)
    {
        if (!Naming.IsValidName(value))
        {
            throw ProviderErrors.InvalidArgument($"{field} \"{value}\" is not a valid name (1-253 characters of [A-Za-z0-9._-], not starting with a dot)");
        }
    }

    private MockVm? FindByName(string name) => _vms.Values.FirstOrDefault(v => v.Name == name);

    /// <summary>Refuses a mutation while the VM's task runs. Under the lock.</summary>
    private void EnsureIdle(MockVm vm, DateTimeOffset now)
    {
        if (PendingTask(vm.ActiveTaskId, now) is { } task)
        {
            throw ProviderErrors.FailedPrecondition(
                $"vm \"{vm.Id}\" is busy: task {task.Id} ({task.Operation}) runs until {task.DueAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>The task with this id when it exists and is not done yet. Under the lock.</summary>
    private MockTask? PendingTask(string? taskId, DateTimeOffset now) =>
        taskId is not null && _tasks.TryGetValue(taskId, out var task) && !task.IsDone(now) ? task : null;

    /// <summary>
    /// Starts the task of an operation, or returns <c>null</c> when it completed synchronously (no duration and no
    /// injected failure). Under the lock; mutates the task table and, with <paramref name="vm"/>, its active task.
    /// </summary>
    private string? StartTask(string operation, MockVm? vm, string target, DateTimeOffset now, string? failure, long bytesTotal = 0, string phase = "") =>
        StartTaskWithDuration(operation, vm, target, now, _options.DurationOf(operation), failure, phase, bytesTotal);

    /// <summary>As <see cref="StartTask"/> with an explicit duration (graceful shutdown lasts as long as the guest takes). Under the lock.</summary>
    private string? StartTaskWithDuration(string operation, MockVm? vm, string target, DateTimeOffset now, TimeSpan duration, string? failure, string phase, long bytesTotal = 0)
    {
        if (duration <= TimeSpan.Zero && failure is null)
        {
            MockLog.OperationDone(_logger, operation, target);
            return null;
        }

        PruneTasks(now);
        var task = new MockTask
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"task-{_nextTaskNumber++}"),
            Operation = operation,
            VmId = vm?.Id,
            StartedAt = now,
            DueAt = now + (duration > TimeSpan.Zero ? duration : TimeSpan.Zero),
            Error = failure,
            BytesTotal = bytesTotal,
            Message = $"{operation} {target}",
            Phase = phase,
        };
        _tasks[task.Id] = task;
        if (vm is not null)
        {
            vm.ActiveTaskId = task.Id;
        }

        MockLog.TaskStarted(_logger, operation, target, task.Id, duration.TotalMilliseconds, failure is null ? "" : " (will fail: injected)");
        return task.Id;
    }

    /// <summary>Forgets finished tasks past their retention, then the oldest finished ones beyond the bound. Under the lock.</summary>
    private void PruneTasks(DateTimeOffset now)
    {
        var done = _tasks.Values.Where(t => t.IsDone(now)).OrderBy(t => t.DueAt).ToList();
        var excess = _tasks.Count - _options.MaxRetainedTasks + 1;
        foreach (var task in done)
        {
            if (now - task.DueAt > _options.TaskRetention || excess > 0)
            {
                _tasks.Remove(task.Id);
                excess--;
            }
        }
    }

    private static TaskProgressSnapshot ProgressOf(MockTask task, DateTimeOffset now)
    {
        var done = task.IsDone(now);
        var total = task.DueAt - task.StartedAt;
        var fraction = done || total <= TimeSpan.Zero ? 1.0 : Math.Clamp((now - task.StartedAt) / total, 0.0, 1.0);
        return new TaskProgressSnapshot
        {
            TaskId = task.Id,
            Operation = task.Operation,
            Done = done,
            Error = done ? task.Error ?? "" : "",
            BytesTotal = task.BytesTotal,
            BytesDone = (long)(task.BytesTotal * fraction),
            Percentage = Math.Round(fraction * 100, 1),
            Message = !done ? task.Message : task.Error ?? SuccessMessage,
            Phase = task.Phase,
            DueAt = task.DueAt,
        };
    }

    /// <summary>Saves the state when a state file is configured. Under the lock (writes are ordered by it).</summary>
    private void Persist()
    {
        if (_store is null)
        {
            return;
        }

        var document = new MockStateDocument
        {
            NextVmNumber = _nextVmNumber,
            NextTaskNumber = _nextTaskNumber,
            NextSnapshotNumber = _nextSnapshotNumber,
            Vms = [.. _vms.Values.OrderBy(v => v.Id, StringComparer.Ordinal)],
            Tasks = [.. _tasks.Values.OrderBy(t => t.StartedAt).ThenBy(t => t.Id, StringComparer.Ordinal)],
            StoredDisks = [.. _stored.Values.OrderBy(d => d.Kind).ThenBy(d => d.Name, StringComparer.Ordinal)],
        };
        try
        {
            _store.Save(document);
        }
        catch (IOException e)
        {
            MockLog.StateSaveFailed(_logger, _store.Path, e);
            throw ProviderErrors.Internal("the mock provider could not save its state", e);
        }
        catch (UnauthorizedAccessException e)
        {
            MockLog.StateSaveFailed(_logger, _store.Path, e);
            throw ProviderErrors.Internal("the mock provider could not save its state", e);
        }
    }

    private static string StoredKey(StoredDiskKind kind, string name) => $"{kind}/{name}";

    private static long GiB(long value) => value * 1024L * 1024L * 1024L;

    private static int ToGiB(long bytes) => (int)Math.Min(int.MaxValue, (bytes + GiB(1) - 1) / GiB(1));
}

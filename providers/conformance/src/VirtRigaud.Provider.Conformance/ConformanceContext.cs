using System.Globalization;
using System.Text;
using Google.Protobuf;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Conformance;

/// <summary>
/// What one case runs with: the client, the inputs, the run's name prefix, the clock, a record of the calls made
/// (steps) and the VMs to delete afterwards. One context per case run; not thread-safe except for
/// <see cref="Step"/> and <see cref="Track"/>, which concurrent calls inside a case may use.
/// </summary>
internal sealed class ConformanceContext
{
    private readonly Lock _sync = new();
    private readonly List<string> _steps = [];
    private readonly List<string> _trackedVms = [];
    private readonly List<string> _tasksSeen = [];

    public ConformanceContext(ProviderClient client, ConformanceFixture fixture, ConformanceRunnerOptions options, string runPrefix, CallInvoker? invoker)
    {
        Client = client;
        Fixture = fixture;
        Options = options;
        RunPrefix = runPrefix;
        Invoker = invoker;
    }

    public ProviderClient Client { get; }

    public ConformanceFixture Fixture { get; }

    public ConformanceRunnerOptions Options { get; }

    public string RunPrefix { get; }

    /// <summary>The raw invoker behind <see cref="Client"/>, for checks outside the provider service (grpc.health.v1); may be absent.</summary>
    public CallInvoker? Invoker { get; }

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>Every non-empty task id an operation of this case returned, in order.</summary>
    public IReadOnlyList<string> TasksSeen
    {
        get
        {
            lock (_sync)
            {
                return [.. _tasksSeen];
            }
        }
    }

    public IReadOnlyList<string> Steps
    {
        get
        {
            lock (_sync)
            {
                return [.. _steps];
            }
        }
    }

    /// <summary>A name of this run: <c>&lt;prefix&gt;-&lt;label&gt;</c>.</summary>
    public string Name(string label) => $"{RunPrefix}-{label}";

    /// <summary>Records one call and its outcome for the report. Never pass secrets.</summary>
    public void Step(string line)
    {
        lock (_sync)
        {
            _steps.Add(line);
        }
    }

    /// <summary>Remembers a VM to delete when the case ends (in reverse order, so that clones go before their sources).</summary>
    public void Track(string vmId)
    {
        lock (_sync)
        {
            if (vmId.Length > 0 && !_trackedVms.Contains(vmId, StringComparer.Ordinal))
            {
                _trackedVms.Add(vmId);
            }
        }
    }

    /// <summary>Forgets a VM the case deleted itself.</summary>
    public void Untrack(string vmId)
    {
        lock (_sync)
        {
            _trackedVms.Remove(vmId);
        }
    }

    // ---- requests built from the inputs ----------------------------------------------------------------------------

    /// <summary>The create class of the inputs, as the contract's payload.</summary>
    public ClassPayload CreateClass => FixturePayloads.Class(Fixture.Create.Class);

    /// <summary>The create image of the inputs, as the contract's payload.</summary>
    public ImagePayload CreateImage => FixturePayloads.Image(Fixture.Create.Image);

    /// <summary>
    /// The CreateRequest of a VM named <paramref name="name"/>, from the inputs (optionally with another class or image),
    /// every JSON field written as the upstream manager writes it.
    /// </summary>
    public CreateRequest NewCreateRequest(string name, ClassPayload? cls = null, ImagePayload? image = null)
    {
        var input = Fixture.Create;
        var request = new CreateRequest
        {
            Name = name,
            UserData = ByteString.CopyFromUtf8(input.UserData),
            ClassJson = ProviderPayloads.SerializeClass(cls ?? CreateClass),
            ImageJson = ProviderPayloads.SerializeImage(image ?? CreateImage),
            NetworksJson = ProviderPayloads.SerializeNetworks(FixturePayloads.Networks(input.Networks)),
            DisksJson = ProviderPayloads.SerializeDisks(FixturePayloads.Disks(input.Disks)),
            PlacementJson = ProviderPayloads.SerializePlacement(FixturePayloads.Placement(input.Placement)),
            MetaData = ByteString.CopyFromUtf8(MetaDataFor(name)),
        };
        request.Tags.Add(input.Tags);
        return request;
    }

    /// <summary>
    /// Reconfigure's <c>desired_json</c>: the whole contracts.CreateRequest of the VM with <paramref name="cls"/> as its
    /// class (the upstream manager sends everything, not only what changed).
    /// </summary>
    public string DesiredJson(string name, ClassPayload cls)
    {
        var input = Fixture.Create;
        return ProviderPayloads.SerializeReconfigureDesired(new ReconfigureDesiredPayload
        {
            Name = name,
            Class = cls,
            Image = CreateImage,
            Networks = FixturePayloads.Networks(input.Networks),
            Disks = FixturePayloads.Disks(input.Disks),
            UserData = new UserDataPayload { CloudInitData = input.UserData, Type = "cloud-init" },
            MetaData = new MetaDataPayload { MetaDataYaml = MetaDataFor(name) },
            Placement = FixturePayloads.Placement(input.Placement),
            Tags = input.Tags,
        });
    }

    private string MetaDataFor(string name) => Fixture.Create.MetaData.Replace("{name}", name, StringComparison.Ordinal);

    // ---- calls with checks -------------------------------------------------------------------------------------------

    public async Task<GetCapabilitiesResponse> CapabilitiesAsync(CancellationToken cancellationToken)
    {
        var capabilities = await Client.GetCapabilitiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        Step($"GetCapabilities → {capabilities}");
        return capabilities;
    }

    /// <summary>Creates a VM from the inputs, tracks it for cleanup, waits for its task and returns its id.</summary>
    public async Task<string> CreateVmAsync(string label, CancellationToken cancellationToken, ImagePayload? image = null)
    {
        var name = Name(label);
        var response = await Client.CreateAsync(NewCreateRequest(name, image: image), cancellationToken: cancellationToken).ConfigureAwait(false);
        Step($"Create {name} → id \"{response.Id}\"{TaskSuffix(response.Task)}");
        Check(response.Id.Length > 0, $"Create {name}: empty id");
        Track(response.Id);
        await AwaitTaskAsync(response.Task, $"Create {name}", cancellationToken).ConfigureAwait(false);
        return response.Id;
    }

    /// <summary>Deletes a VM, waits for the task and forgets it.</summary>
    public async Task DeleteVmAsync(string vmId, CancellationToken cancellationToken)
    {
        var response = await Client.DeleteAsync(new DeleteRequest { Id = vmId }, cancellationToken: cancellationToken).ConfigureAwait(false);
        Step($"Delete {vmId} → OK{TaskSuffix(response.Task)}");
        await AwaitTaskAsync(response.Task, $"Delete {vmId}", cancellationToken).ConfigureAwait(false);
        Untrack(vmId);
    }

    public async Task<DescribeResponse> DescribeAsync(string vmId, CancellationToken cancellationToken)
    {
        var response = await Client.DescribeAsync(new DescribeRequest { Id = vmId }, cancellationToken: cancellationToken).ConfigureAwait(false);
        Step($"Describe {vmId} → exists={Lower(response.Exists)} power_state=\"{response.PowerState}\"");
        return response;
    }

    /// <summary>Changes the power state, waits for the task, then for Describe to report <paramref name="expected"/>.</summary>
    public async Task PowerAsync(string vmId, PowerOp op, string expected, CancellationToken cancellationToken)
    {
        var request = new PowerRequest { Id = vmId, Op = op };
        if (op == PowerOp.ShutdownGraceful)
        {
            request.GracefulTimeoutSeconds = Options.GracefulTimeoutSeconds;
        }

        var response = await Client.PowerAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        Step($"Power {vmId} {op} → OK{TaskSuffix(response.Task)}");
        await AwaitTaskAsync(response.Task, $"Power {op} of {vmId}", cancellationToken).ConfigureAwait(false);
        await AwaitPowerStateAsync(vmId, expected, $"after Power {op}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls Describe until the VM reports <paramref name="expected"/>, at most <see cref="ConformanceRunnerOptions.StateTimeout"/>.</summary>
    public async Task AwaitPowerStateAsync(string vmId, string expected, string when, CancellationToken cancellationToken)
    {
        var deadline = Time.GetUtcNow() + Options.StateTimeout;
        var delay = Options.InitialPollInterval;
        while (true)
        {
            var described = await Client.DescribeAsync(new DescribeRequest { Id = vmId }, cancellationToken: cancellationToken).ConfigureAwait(false);
            Check(described.Exists, $"{when}: Describe {vmId} says the VM does not exist");
            if (described.PowerState == expected)
            {
                Step($"Describe {vmId} → power_state=\"{expected}\"");
                return;
            }

            if (Time.GetUtcNow() >= deadline)
            {
                throw new ConformanceCaseFailedException(
                    $"{when}: Describe {vmId} reports power_state \"{described.PowerState}\" after {Options.StateTimeout.TotalSeconds:0} s, want \"{expected}\"");
            }

            delay = await PauseAsync(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for a task with TaskStatus: returns at once for an empty task (synchronous operation), fails the case when
    /// the task ends with an error or outlasts <see cref="ConformanceRunnerOptions.TaskTimeout"/>.
    /// </summary>
    public async Task AwaitTaskAsync(TaskRef? task, string what, CancellationToken cancellationToken)
    {
        var error = await AwaitTaskOutcomeAsync(task, what, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            throw new ConformanceCaseFailedException($"{what}: task {task!.Id} failed: {error}");
        }
    }

    /// <summary>Like <see cref="AwaitTaskAsync"/>, but returns the task's error (or <c>null</c> on success) instead of failing.</summary>
    public async Task<string?> AwaitTaskOutcomeAsync(TaskRef? task, string what, CancellationToken cancellationToken)
    {
        if (task is null || task.Id.Length == 0)
        {
            return null;
        }

        lock (_sync)
        {
            _tasksSeen.Add(task.Id);
        }

        var deadline = Time.GetUtcNow() + Options.TaskTimeout;
        var delay = Options.InitialPollInterval;
        var polls = 0;
        while (true)
        {
            TaskStatusResponse status;
            try
            {
                status = await Client.TaskStatusAsync(new TaskStatusRequest { Task = task }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                throw new ConformanceCaseFailedException($"{what}: TaskStatus {task.Id} answered NOT_FOUND for a task the provider just returned ({Quote(e.Status.Detail)})");
            }

            polls++;
            if (status.Done || status.Error.Length > 0)
            {
                Step($"TaskStatus {task.Id} → done after {polls} poll(s){(status.Error.Length > 0 ? $", error {Quote(status.Error)}" : "")}");
                return status.Error.Length > 0 ? status.Error : null;
            }

            if (Time.GetUtcNow() >= deadline)
            {
                throw new ConformanceCaseFailedException($"{what}: task {task.Id} not done after {Options.TaskTimeout.TotalSeconds:0} s");
            }

            delay = await PauseAsync(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/>, which must fail with one of <paramref name="codes"/>; returns the failure. Records the
    /// outcome as a step.
    /// </summary>
    public async Task<RpcException> ExpectStatusAsync(string what, IReadOnlyCollection<StatusCode> codes, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (RpcException e) when (codes.Contains(e.StatusCode))
        {
            Step($"{what} → {e.StatusCode} {Quote(e.Status.Detail)} (expected)");
            return e;
        }
        catch (RpcException e)
        {
            Step($"{what} → {e.StatusCode} {Quote(e.Status.Detail)}");
            throw new ConformanceCaseFailedException($"{what}: answered {e.StatusCode} ({Quote(e.Status.Detail)}), want {Codes(codes)}");
        }

        Step($"{what} → OK");
        throw new ConformanceCaseFailedException($"{what}: succeeded, want {Codes(codes)}");
    }

    /// <summary>
    /// The honesty check of a case whose feature the provider says it lacks: <paramref name="call"/> must answer
    /// UNIMPLEMENTED or FAILED_PRECONDITION. Then the case is skipped with <paramref name="reason"/>; a provider that
    /// performs the feature (or answers anything else) fails the case.
    /// </summary>
    public async Task<CaseVerdict> SkipWhenRefusedAsync(string reason, string what, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unimplemented or StatusCode.FailedPrecondition)
        {
            Step($"{what} → {e.StatusCode} {Quote(e.Status.Detail)} (honest refusal)");
            return CaseVerdict.Skip($"{reason}; {what} answered {e.StatusCode} as it should");
        }
        catch (RpcException e)
        {
            Step($"{what} → {e.StatusCode} {Quote(e.Status.Detail)}");
            throw new ConformanceCaseFailedException(
                $"{reason}, so {what} must answer UNIMPLEMENTED or FAILED_PRECONDITION; it answered {e.StatusCode} ({Quote(e.Status.Detail)})");
        }

        Step($"{what} → OK");
        throw new ConformanceCaseFailedException($"{reason}, yet {what} succeeded: the capabilities misstate what the provider does");
    }

    /// <summary>Deletes every tracked VM (newest first), bounded by the cleanup timeout. Returns the failures, if any.</summary>
    public async Task<IReadOnlyList<string>> CleanupAsync(CancellationToken cancellationToken)
    {
        List<string> vms;
        lock (_sync)
        {
            vms = [.. _trackedVms];
        }

        vms.Reverse();
        var failures = new List<string>();
        using var timeout = new CancellationTokenSource(Options.CleanupTimeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        foreach (var vm in vms)
        {
            try
            {
                await DeleteVmAsync(vm, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"deleting {vm}: not done after {Options.CleanupTimeout.TotalSeconds:0} s");
                break;
            }
            catch (Exception e) when (e is RpcException or ConformanceCaseFailedException)
            {
                failures.Add($"deleting {vm}: {Describe(e)}");
            }
        }

        return failures;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------------

    /// <summary>Fails the case with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ConformanceCaseFailedException(message);
        }
    }

    /// <summary>A one-line description of a failure for messages.</summary>
    public static string Describe(Exception e) => e switch
    {
        ConformanceCaseFailedException => e.Message,
        RpcException rpc => $"{rpc.StatusCode} ({Quote(rpc.Status.Detail)})",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>A provider-supplied string as a one-line quoted literal.</summary>
    public static string Quote(string s)
    {
        var builder = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    public static string Lower(bool value) => value ? "true" : "false";

    public static string TaskSuffix(TaskRef? task) => task is null || task.Id.Length == 0 ? "" : $", task \"{task.Id}\"";

    private static string Codes(IReadOnlyCollection<StatusCode> codes) => string.Join(" or ", codes);

    /// <summary>Waits <paramref name="delay"/> on the run's clock and returns the next, doubled, delay.</summary>
    private async Task<TimeSpan> PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, Time, cancellationToken).ConfigureAwait(false);
        var next = delay * 2;
        return next > Options.MaxPollInterval ? Options.MaxPollInterval : next;
    }
}

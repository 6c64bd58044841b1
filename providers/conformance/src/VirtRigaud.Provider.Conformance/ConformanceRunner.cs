using System.Security.Cryptography;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;

namespace VirtRigaud.Provider.Conformance;

/// <summary>
/// Runs conformance cases against one provider through a <see cref="ProviderClient"/>. Each case runs alone, with its
/// own names (<c>&lt;run prefix&gt;-&lt;label&gt;</c>), is bounded by <see cref="ConformanceRunnerOptions.CaseTimeout"/>,
/// and deletes the VMs it created whatever its outcome; a failed cleanup fails an otherwise passing case. Never throws
/// for a provider's misbehaviour: every problem becomes a failed <see cref="ConformanceCaseResult"/>. Different cases of one
/// runner may run concurrently (their names differ), but <see cref="RunAsync"/> runs them one after another. Thread-safe.
/// </summary>
public sealed class ConformanceRunner
{
    private readonly ProviderClient _client;
    private readonly ConformanceFixture _fixture;
    private readonly ConformanceRunnerOptions _options;
    private readonly CallInvoker? _invoker;

    /// <param name="client">The provider under test.</param>
    /// <param name="fixture">Provider-specific inputs (images, classes, networks, disk URLs).</param>
    /// <param name="options">Pacing and bounds; validated here.</param>
    /// <param name="invoker">
    /// The invoker behind <paramref name="client"/>, for the checks outside the provider service (grpc.health.v1 in
    /// <c>validate</c>); <c>null</c> skips them, and the case says so.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    public ConformanceRunner(ProviderClient client, ConformanceFixture fixture, ConformanceRunnerOptions? options = null, CallInvoker? invoker = null)
    {
        options ??= new ConformanceRunnerOptions();
        options.Validate();
        _client = client;
        _fixture = fixture;
        _options = options;
        _invoker = invoker;
        RunPrefix = options.RunPrefix ?? "vrc-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    }

    /// <summary>The prefix of every name this runner's cases create.</summary>
    public string RunPrefix { get; }

    /// <summary>
    /// Runs <paramref name="names"/> in order and writes each result's line (<see cref="ConformanceCaseResult.FormatLine"/>)
    /// to <paramref name="progress"/> as soon as the case ends.
    /// </summary>
    /// <param name="names">Case names (see <see cref="ConformanceCases.Names"/>).</param>
    /// <param name="target">What is being tested (an address), for the report.</param>
    /// <param name="progress">Where each case's line goes as it ends; <c>null</c> for none.</param>
    /// <param name="cancellationToken">Abandons the run (after deleting what the running case created).</param>
    /// <exception cref="ArgumentException">A name is not a known case (checked before anything runs).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ConformanceReport> RunAsync(
        IReadOnlyList<string> names, string target, TextWriter? progress, CancellationToken cancellationToken)
    {
        var cases = names.Select(ConformanceCases.Get).ToList();
        var time = _options.TimeProvider;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var results = new List<ConformanceCaseResult>(cases.Count);
        foreach (var conformanceCase in cases)
        {
            var result = await RunCaseAsync(conformanceCase, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (progress is not null)
            {
                await progress.WriteLineAsync(result.FormatLine().AsMemory(), cancellationToken).ConfigureAwait(false);
                await progress.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return new ConformanceReport
        {
            Target = target,
            RunPrefix = RunPrefix,
            StartedAt = startedAt,
            Duration = time.GetElapsedTime(started),
            Results = results,
        };
    }

    /// <summary>Runs the case named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No case has that name.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<ConformanceCaseResult> RunCaseAsync(string name, CancellationToken cancellationToken) =>
        RunCaseAsync(ConformanceCases.Get(name), cancellationToken);

    private async Task<ConformanceCaseResult> RunCaseAsync(ConformanceCase conformanceCase, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        var context = new ConformanceContext(_client, _fixture, _options, RunPrefix, _invoker);
        using var caseTimeout = new CancellationTokenSource(_options.CaseTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, caseTimeout.Token);

        CaseVerdict verdict;
        string? failureType = null;
        try
        {
            verdict = await conformanceCase.Body(context, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is being abandoned: still delete what the case made, as far as the caller lets us.
            await context.CleanupAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (caseTimeout.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            verdict = new CaseVerdict(ConformanceOutcome.Failed, $"the case did not finish within {_options.CaseTimeout}");
            failureType = "timeout";
        }
        catch (ConformanceCaseFailedException e)
        {
            verdict = new CaseVerdict(ConformanceOutcome.Failed, e.Message);
            failureType = "assertion";
        }
        catch (RpcException e)
        {
            verdict = new CaseVerdict(ConformanceOutcome.Failed, $"unexpected {e.StatusCode} ({ConformanceContext.Quote(e.Status.Detail)})");
            failureType = $"rpc:{e.StatusCode}";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever else a case throws is the provider's or the environment's problem, reported as this case's failure
            // so that the run goes on.
            verdict = new CaseVerdict(ConformanceOutcome.Failed, $"{e.GetType().Name}: {e.Message}");
            failureType = e.GetType().Name;
        }

        if (!_options.KeepResources)
        {
            var cleanupFailures = await context.CleanupAsync(cancellationToken).ConfigureAwait(false);
            if (cleanupFailures.Count > 0 && verdict.Outcome != ConformanceOutcome.Failed)
            {
                verdict = new CaseVerdict(ConformanceOutcome.Failed, "cleanup: " + string.Join("; ", cleanupFailures));
                failureType = "cleanup";
            }
            else if (cleanupFailures.Count > 0)
            {
                verdict = verdict with { Message = $"{verdict.Message} (and cleanup: {string.Join("; ", cleanupFailures)})" };
            }
        }

        return new ConformanceCaseResult
        {
            Name = conformanceCase.Name,
            Outcome = verdict.Outcome,
            Message = verdict.Message,
            FailureType = failureType,
            Duration = time.GetElapsedTime(started),
            Steps = context.Steps,
        };
    }
}

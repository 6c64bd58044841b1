using Google.Protobuf;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Sdk.Idempotency;

/// <summary>
/// Idempotency by caller-chosen name for the RPCs whose key is a name (Create: <c>name</c>; Clone and ImagePrepare:
/// <c>target_name</c>), in the CSI manner: the manager retries after a lost response or a deadline, and two
/// controllers may race, yet one name must never create two VMs.
/// <code>
/// return _idempotency.RunAsync("Create", request.Name, ct => CreateVmAsync(request, ct), context.CancellationToken,
///     fingerprint: IdempotencyRegistry.Fingerprint(request));
/// </code>
/// <list type="table">
/// <listheader><term>a call for (operation, name) finds</term><description>it</description></listheader>
/// <item><term>nothing</term><description>runs the operation</description></item>
/// <item><term>the same operation running</term><description>joins it and gets its result or its failure</description></item>
/// <item><term>the same operation running with a different fingerprint (other parameters)</term><description>ALREADY_EXISTS</description></item>
/// <item><term>an operation that has ended (done or failed)</term><description>nothing: it runs again</description></item>
/// </list>
/// Nothing is remembered once an operation ends: a repeat after the end must be answered by the provider's own lookup by
/// name on the hypervisor (which sees a VM deleted meanwhile, or one made by a previous process), so a VM deleted and
/// created again under the same name is really created again, with the new parameters.
/// The operation runs with a token of its own, not the caller's: when the caller gives up (deadline, cancel), the
/// operation carries on and a retry joins it, so a slow create is never started twice. That token fires only when the
/// registry is disposed (shutdown). Thread-safe.
/// </summary>
public sealed class IdempotencyRegistry : IDisposable
{
    private readonly Lock _sync = new();
    private readonly Dictionary<(string Operation, string Name), Entry> _entries = new();
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>How many operations are running now.</summary>
    public int RunningCount
    {
        get
        {
            lock (_sync)
            {
                return _entries.Values.Count(e => !e.Task.IsCompleted);
            }
        }
    }

    /// <summary>Runs <paramref name="operation"/> once for (<paramref name="kind"/>, <paramref name="name"/>) as the type's table says.</summary>
    /// <param name="kind">The RPC (e.g. <c>Create</c>); names of different kinds never meet.</param>
    /// <param name="name">The caller-chosen name (the idempotency key).</param>
    /// <param name="operation">The work; receives a token that fires only on shutdown.</param>
    /// <param name="cancellationToken">The caller's token: stops this caller's wait, never the operation.</param>
    /// <param name="fingerprint">
    /// The parameters that must match for a repeat to count as the same call (e.g. <see cref="Fingerprint"/> of the
    /// request); <c>null</c> skips the check.
    /// </param>
    /// <exception cref="ProviderException">INVALID_ARGUMENT for an empty name; ALREADY_EXISTS for a fingerprint mismatch.</exception>
    /// <exception cref="ObjectDisposedException">The registry was disposed.</exception>
    public async Task<TResult> RunAsync<TResult>(
        string kind,
        string name,
        Func<CancellationToken, Task<TResult>> operation,
        CancellationToken cancellationToken,
        string? fingerprint = null)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ProviderErrors.InvalidArgument($"{kind} needs a name: it is the idempotency key");
        }

        var key = (kind, name);
        Entry entry;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            if (_entries.TryGetValue(key, out var existing))
            {
                if (fingerprint is not null && existing.Fingerprint is not null && fingerprint != existing.Fingerprint)
                {
                    throw new ProviderException(StatusCode.AlreadyExists, $"{kind} \"{name}\" is already running with different parameters");
                }

                entry = existing;
            }
            else
            {
                var run = Task.Run(() => operation(_disposed.Token));
                entry = new Entry(run, fingerprint);
                _entries[key] = entry;
                _ = run.ContinueWith(
                    (_, state) => ((IdempotencyRegistry)state!).OnCompleted(key, entry),
                    this,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }

        if (entry.Task is not Task<TResult> typed)
        {
            throw new InvalidOperationException($"{kind} \"{name}\" is already registered with a result other than {typeof(TResult).Name}.");
        }

        var result = await typed.WaitAsync(cancellationToken).ConfigureAwait(false);
        // Every caller that joined gets a copy: a protobuf response is mutable and the gRPC pipeline owns it.
        return result is IDeepCloneable<TResult> cloneable ? cloneable.Clone() : result;
    }

    /// <summary>A stable fingerprint of a request message (SHA-256 of its serialized bytes). Pure.</summary>
    public static string Fingerprint(IMessage request) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(request.ToByteArray()));

    /// <summary>Cancels the token of running operations (shutdown) and refuses new calls.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
        }
    }

    private void OnCompleted((string, string) key, Entry entry)
    {
        lock (_sync)
        {
            if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed class Entry(Task task, string? fingerprint)
    {
        public Task Task { get; } = task;

        public string? Fingerprint { get; } = fingerprint;
    }
}

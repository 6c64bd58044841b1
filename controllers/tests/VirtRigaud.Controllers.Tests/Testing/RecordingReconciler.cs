using System.Collections.Concurrent;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Tests.Testing;

/// <summary>Records every key it is asked to reconcile and answers with <see cref="Behaviour"/> (Done by default).</summary>
public sealed class RecordingReconciler : IReconciler
{
    private readonly ConcurrentQueue<ObjectKey> _calls = new();

    /// <summary>What to do for a key, given how many times it was reconciled before (0 for the first call).</summary>
    public Func<ObjectKey, int, ReconcileResult>? Behaviour { get; set; }

    public IReadOnlyList<ObjectKey> Calls => [.. _calls];

    public int CountFor(ObjectKey key) => _calls.Count(k => k == key);

    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var previous = CountFor(key);
        _calls.Enqueue(key);
        return Task.FromResult(Behaviour?.Invoke(key, previous) ?? ReconcileResult.Done);
    }
}

using System.Collections.Concurrent;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// Counts failed attempts of an operation on a subject (<c>ns/name Create</c>, <c>ns/image@provider ImagePrepare</c>)
/// within a scope (the spec generation, a reboot request's value): after <see cref="Limit"/> failures in one scope the
/// operation is given up until the scope changes. A success, or a new scope, starts the count again.
/// </summary>
/// <remarks>
/// In memory: a manager restart grants a fresh budget, so an operation is tried at most <see cref="Limit"/> times per
/// generation per manager run — never in an endless loop, and without writing counters into user objects.
/// Thread-safe.
/// </remarks>
internal sealed class RetryBudget(int limit)
{
    private readonly ConcurrentDictionary<(string Subject, string Operation), (string Scope, int Failures)> _entries = new();

    /// <summary>Failures allowed per scope.</summary>
    public int Limit { get; } = limit;

    /// <summary>Failures so far of <paramref name="operation"/> on <paramref name="subject"/> in <paramref name="scope"/>.</summary>
    public int Failures(string subject, string operation, string scope) =>
        _entries.TryGetValue((subject, operation), out var entry) && entry.Scope == scope ? entry.Failures : 0;

    /// <summary>Whether the operation has used up its attempts in this scope.</summary>
    public bool Exhausted(string subject, string operation, string scope) => Failures(subject, operation, scope) >= Limit;

    /// <summary>Counts a failure; returns the failures so far in this scope (1 for the first). Mutates.</summary>
    public int Fail(string subject, string operation, string scope) =>
        _entries.AddOrUpdate(
            (subject, operation),
            _ => (scope, 1),
            (_, entry) => entry.Scope == scope ? (scope, entry.Failures + 1) : (scope, 1)).Failures;

    /// <summary>Forgets the failures of one operation (it succeeded). Mutates.</summary>
    public void Succeeded(string subject, string operation) => _entries.TryRemove((subject, operation), out _);

    /// <summary>Forgets every operation of <paramref name="subject"/> (it was deleted). Mutates.</summary>
    public void Forget(string subject)
    {
        foreach (var key in _entries.Keys.Where(k => k.Subject == subject).ToList())
        {
            _entries.TryRemove(key, out _);
        }
    }
}

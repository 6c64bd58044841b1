namespace VirtRigaud.Controllers.Runtime;

/// <summary>
/// What a reconcile asks of its queue (controller-runtime's <c>reconcile.Result</c>). Errors are not results: throw, and
/// the key is retried with exponential back-off; throw <see cref="TerminalReconcileException"/> to stop retrying.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>result</term><description>queue action</description></listheader>
/// <item><term><see cref="Done"/></term><description>forget the key's back-off; wait for the next event or resync</description></item>
/// <item><term><see cref="After"/></term><description>forget the back-off; add the key again after the delay</description></item>
/// <item><term>exception</term><description>add the key rate-limited (5 ms doubling to 1000 s, and 10 qps overall)</description></item>
/// <item><term><see cref="TerminalReconcileException"/></term><description>forget the key; logged, counted as an error, not retried</description></item>
/// </list>
/// </remarks>
public readonly record struct ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueAfter) => RequeueAfter = requeueAfter;

    /// <summary>Converged: nothing more to do until something changes.</summary>
    public static ReconcileResult Done { get; } = new(null);

    /// <summary>When the key comes back; null when it does not.</summary>
    public TimeSpan? RequeueAfter { get; }

    /// <summary>Reconcile again after <paramref name="delay"/> (zero or less: at once, without back-off).</summary>
    public static ReconcileResult After(TimeSpan delay) => new(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);

    /// <inheritdoc/>
    public override string ToString() => RequeueAfter is { } after ? $"RequeueAfter({after})" : "Done";
}

namespace VirtRigaud.Controllers.Runtime;

/// <summary>A controller the <see cref="ControllerManager"/> runs once the caches are synced (and it leads).</summary>
public interface IController
{
    /// <summary>The kind reconciled, used as the <c>kind</c> metric label and the queue name (e.g. <c>VirtualMachine</c>).</summary>
    string Name { get; }

    /// <summary>Concurrent reconciles.</summary>
    int Workers { get; }

    /// <summary>Whether every informer the controller reads has synced.</summary>
    bool HasSynced { get; }

    /// <summary>
    /// Waits for the informers, then reconciles with <see cref="Workers"/> workers until cancelled; then stops taking
    /// new keys and waits for in-flight reconciles (which see the cancellation) before returning.
    /// </summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="key"/> to the queue (for out-of-band triggers such as a provider process exiting).</summary>
    void Enqueue(ObjectKey key);
}

namespace VirtRigaud.Grpc.Bench;

/// <summary>Completed calls (or received messages) of all workers of one run.</summary>
internal sealed class CompletionCounter
{
    private long _count;

    public void Increment() => Interlocked.Increment(ref _count);

    public long Read() => Volatile.Read(ref _count);
}

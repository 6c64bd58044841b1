namespace VirtRigaud.Apiserver.Bench;

/// <summary>Operations per second of a load phase and the latency of each operation.</summary>
internal sealed record LoadResult(double PerSecond, Latencies Latencies);

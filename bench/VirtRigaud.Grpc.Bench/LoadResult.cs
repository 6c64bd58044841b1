using System.Globalization;

namespace VirtRigaud.Grpc.Bench;

/// <summary>
/// What a client run measured in its window: <see cref="Count"/> completions in <see cref="Elapsed"/>, the CPU time this
/// process and (when its pid was given) the server spent meanwhile, how long the warm-up before it lasted, and how many
/// methods the JIT compiled in the window (a check that the window measured steady state).
/// </summary>
internal readonly record struct LoadResult(
    long Count,
    TimeSpan Elapsed,
    TimeSpan ClientCpu,
    TimeSpan? ServerCpu,
    TimeSpan Warmup,
    long JitCompilationsInWindow)
{
    public double Rate => Count / Elapsed.TotalSeconds;

    /// <summary>The JSON line bench/grpc/run.sh reads; the same keys as bench_client.py prints.</summary>
    public string ToJson()
    {
        var invariant = CultureInfo.InvariantCulture;
        var serverCpu = ServerCpu is { } cpu ? cpu.TotalSeconds.ToString("R", invariant) : "null";
        return string.Create(
            invariant,
            $"{{\"rate\": {Rate:R}, \"count\": {Count}, \"seconds\": {Elapsed.TotalSeconds:R}, \"client_cpu_seconds\": {ClientCpu.TotalSeconds:R}, \"server_cpu_seconds\": {serverCpu}, \"warmup_seconds\": {Warmup.TotalSeconds:R}, \"jit_methods_in_window\": {JitCompilationsInWindow}, \"errors\": 0}}");
    }
}

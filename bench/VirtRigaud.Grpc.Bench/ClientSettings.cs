namespace VirtRigaud.Grpc.Bench;

/// <summary>
/// One client run, as given on the command line (the flags of bench/grpc/bench_client.py, plus <c>--max-warmup</c>: how
/// long the warm-up may be stretched while the JIT is still busy; see <see cref="LoadGenerator"/>).
/// </summary>
internal sealed record ClientSettings(
    string Target,
    BenchScenario Scenario,
    int PayloadSize,
    int Concurrency,
    TimeSpan Warmup,
    TimeSpan MaxWarmup,
    TimeSpan Duration,
    ProcessCpu? Server)
{
    public static ClientSettings From(BenchArguments arguments)
    {
        var scenario = arguments.GetString("scenario") switch
        {
            "unary" => BenchScenario.Unary,
            "stream" => BenchScenario.Stream,
            var other => throw new ArgumentException($"--scenario must be unary or stream, not '{other}'", nameof(arguments)),
        };
        var settings = new ClientSettings(
            arguments.GetString("target"),
            scenario,
            arguments.GetInt32("payload"),
            arguments.GetInt32("concurrency"),
            arguments.GetSeconds("warmup"),
            arguments.GetSeconds("max-warmup", arguments.GetSeconds("warmup")),
            arguments.GetSeconds("duration"),
            arguments.GetInt32("server-pid", 0) is > 0 and var pid ? new ProcessCpu(pid, arguments.GetInt32("clock-ticks")) : null);
        if (settings.PayloadSize < 0 || settings.Concurrency < 1 || settings.Duration <= TimeSpan.Zero ||
            settings.Warmup < TimeSpan.Zero || settings.MaxWarmup < settings.Warmup)
        {
            throw new ArgumentException(
                "--payload must be >= 0, --concurrency >= 1, --duration > 0, --warmup >= 0 and --max-warmup >= --warmup", nameof(arguments));
        }

        return settings;
    }
}

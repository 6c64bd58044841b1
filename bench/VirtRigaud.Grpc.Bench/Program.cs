using VirtRigaud.Grpc.Bench;

// The C# side of `make bench`; bench/grpc/run.sh starts it in both roles:
//   VirtRigaud.Grpc.Bench server [--port N]
//   VirtRigaud.Grpc.Bench client --target HOST:PORT --scenario unary|stream --payload BYTES --concurrency N
//                                --warmup SECONDS [--max-warmup SECONDS] --duration SECONDS
//                                [--server-pid PID --clock-ticks CLK_TCK]
try
{
    return args switch
    {
        ["server", .. var rest] => await BenchServer.RunAsync(BenchArguments.Parse(rest)),
        ["client", .. var rest] => await BenchClient.RunAsync(ClientSettings.From(BenchArguments.Parse(rest))),
        _ => throw new ArgumentException("usage: VirtRigaud.Grpc.Bench server [--port N] | client --target HOST:PORT ..."),
    };
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

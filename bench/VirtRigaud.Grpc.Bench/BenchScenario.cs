namespace VirtRigaud.Grpc.Bench;

/// <summary>What one client run measures.</summary>
internal enum BenchScenario
{
    /// <summary>Unary round-trips per second; the payload travels both ways.</summary>
    Unary,

    /// <summary>Server-streamed messages per second received by the client.</summary>
    Stream,
}

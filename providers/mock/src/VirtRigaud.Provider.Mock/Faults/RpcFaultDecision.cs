using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Mock.Faults;

/// <summary>What the fault injector decided for one call: a delay, and a status to fail with (<c>null</c> ⇒ let it through). Immutable.</summary>
public sealed record RpcFaultDecision(TimeSpan Latency, StatusCode? Code, string Message)
{
    /// <summary>Nothing injected.</summary>
    public static readonly RpcFaultDecision PassThrough = new(TimeSpan.Zero, null, "");
}

namespace VirtRigaud.Grpc.Tests.Server;

/// <summary>Bounded waits on conditions signalled by handlers; tests never sleep.</summary>
internal static class Signals
{
    public static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static TaskCompletionSource<T> New<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Task WaitAsync(this TaskCompletionSource signal) => signal.Task.WaitAsync(GrpcTestServer.Patience);

    public static Task<T> WaitAsync<T>(this TaskCompletionSource<T> signal) => signal.Task.WaitAsync(GrpcTestServer.Patience);
}

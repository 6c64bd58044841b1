namespace VirtRigaud.Grpc.Tests.Server;

/// <summary>An interceptor that records when it runs, around the rest of the pipeline.</summary>
internal sealed class RecordingInterceptor(string name, List<string> events, Action<ServerCallContext>? before = null) : ServerInterceptor
{
    public override async Task InterceptAsync(ServerCallContext context, Func<Task> next)
    {
        lock (events)
        {
            events.Add(name + ":before");
        }

        before?.Invoke(context);
        try
        {
            await next();
        }
        finally
        {
            lock (events)
            {
                events.Add(name + ":after");
            }
        }
    }
}

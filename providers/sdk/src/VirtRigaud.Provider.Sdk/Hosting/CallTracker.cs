using Google.Protobuf.Reflection;
using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// Knows which calls are in flight, for the graceful drain: the host waits for unary calls to finish, and ends
/// streaming calls (WatchTask, ConsoleStream, health Watch), which may last forever, once there is nothing else to
/// wait for. An interceptor on every call; thread-safe.
/// </summary>
internal sealed class CallTracker : ServerInterceptor
{
    private readonly HashSet<string> _streamingMethods = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private readonly HashSet<ServerCallContext> _streams = [];
    private int _unary;
    private TaskCompletionSource? _idle;

    /// <summary>How many unary calls are running.</summary>
    public int UnaryInFlight => Volatile.Read(ref _unary);

    /// <summary>Remembers which methods of <paramref name="service"/> stream. Call before serving; not thread-safe.</summary>
    public void AddService(ServiceDescriptor service)
    {
        foreach (var method in service.Methods)
        {
            if (method.IsClientStreaming || method.IsServerStreaming)
            {
                _streamingMethods.Add($"/{service.FullName}/{method.Name}");
            }
        }
    }

    public override async Task InterceptAsync(ServerCallContext context, Func<Task> next)
    {
        var streaming = _streamingMethods.Contains(context.Method);
        lock (_sync)
        {
            if (streaming)
            {
                _streams.Add(context);
            }
            else
            {
                _unary++;
            }
        }

        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            TaskCompletionSource? idle = null;
            lock (_sync)
            {
                if (streaming)
                {
                    _streams.Remove(context);
                }
                else if (--_unary == 0)
                {
                    idle = _idle;
                    _idle = null;
                }
            }

            idle?.TrySetResult();
        }
    }

    /// <summary>Completes when no unary call is running, or when <paramref name="cancellationToken"/> fires (then quietly).</summary>
    public async Task WaitForUnaryCallsAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (_sync)
        {
            if (_unary == 0)
            {
                return;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _idle.Task;
        }

        try
        {
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The grace period is over.
        }
    }

    /// <summary>Resets the HTTP/2 stream of every streaming call still running; returns how many.</summary>
    public int AbortStreams()
    {
        ServerCallContext[] streams;
        lock (_sync)
        {
            streams = [.. _streams];
        }

        foreach (var stream in streams)
        {
            stream.HttpContext?.Abort();
        }

        return streams.Length;
    }
}

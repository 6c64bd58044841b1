using System.Collections.Concurrent;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Mock.Service;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Apiserver.Tests.ConsoleStreaming;

/// <summary>
/// The real mock provider's service with a window on its console input: every ConsoleInput the API server sends is
/// recorded before the mock handles it, so tests can see resizes (which a serial console accepts silently) and the
/// half-close that ends a session. Every RPC the tests use goes to the mock unchanged.
/// </summary>
internal sealed class RecordingConsoleProvider(MockProviderService mock) : ProviderServiceBase
{
    /// <summary>Every console input received, in order, across sessions.</summary>
    public ConcurrentQueue<ConsoleInput> Inputs { get; } = new();

    /// <summary>How many console sessions ended their input side (the API server half-closed or cancelled the call).</summary>
    public int InputsEnded => Volatile.Read(ref _inputsEnded);

    private int _inputsEnded;

    public override Task<ValidateResponse> ValidateAsync(ValidateRequest request, ServerCallContext context) => mock.ValidateAsync(request, context);

    public override Task<GetCapabilitiesResponse> GetCapabilitiesAsync(GetCapabilitiesRequest request, ServerCallContext context) => mock.GetCapabilitiesAsync(request, context);

    public override Task<DescribeResponse> DescribeAsync(DescribeRequest request, ServerCallContext context) => mock.DescribeAsync(request, context);

    public override async Task ConsoleStreamAsync(IAsyncStreamReader<ConsoleInput> requests, IServerStreamWriter<ConsoleOutput> responses, ServerCallContext context)
    {
        try
        {
            await mock.ConsoleStreamAsync(new Recorder(requests, this), responses, context);
        }
        finally
        {
            Interlocked.Increment(ref _inputsEnded);
        }
    }

    private sealed class Recorder(IAsyncStreamReader<ConsoleInput> inner, RecordingConsoleProvider owner) : IAsyncStreamReader<ConsoleInput>
    {
        public ConsoleInput Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var more = await inner.MoveNext(cancellationToken);
            if (more)
            {
                owner.Inputs.Enqueue(inner.Current);
            }

            return more;
        }
    }
}

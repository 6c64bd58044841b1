using System.Runtime.CompilerServices;
using Google.Protobuf;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Contract;

/// <summary>
/// An open ConsoleStream session: write input bytes and resizes, read output bytes until the provider closes it.
/// One reader and one writer may run concurrently; two writes (or two reads) must not overlap. Disposing it cancels the
/// call if it is still running.
/// </summary>
public sealed class ProviderConsoleSession : IAsyncDisposable, IDisposable
{
    private readonly AsyncDuplexStreamingCall<ConsoleInput, ConsoleOutput> _call;

    internal ProviderConsoleSession(AsyncDuplexStreamingCall<ConsoleInput, ConsoleOutput> call, ConsoleKind kind)
    {
        _call = call;
        Kind = kind;
    }

    /// <summary>The console kind the provider attached to.</summary>
    public ConsoleKind Kind { get; }

    /// <summary>Why the provider ended the session; <c>null</c> until the output was read to its end.</summary>
    public ConsoleCloseReason? CloseReason { get; private set; }

    /// <summary>The provider's closing message, set together with <see cref="CloseReason"/>.</summary>
    public string? CloseMessage { get; private set; }

    /// <summary>Sends bytes typed into the console.</summary>
    /// <exception cref="RpcException">The call has ended.</exception>
    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        _call.RequestStream.WriteAsync(new ConsoleInput { Data = ByteString.CopyFrom(data.Span) }, cancellationToken);

    /// <summary>Tells the provider the terminal's size in character cells.</summary>
    /// <exception cref="RpcException">The call has ended.</exception>
    public Task ResizeAsync(uint columns, uint rows, CancellationToken cancellationToken = default) =>
        _call.RequestStream.WriteAsync(new ConsoleInput { Resize = new ConsoleResize { Columns = columns, Rows = rows } }, cancellationToken);

    /// <summary>
    /// Ends the input side (half-close): the provider answers with a closed message (CLIENT_CLOSED), which
    /// <see cref="ReadOutputAsync"/> reports. No writes may follow.
    /// </summary>
    public Task CompleteAsync() => _call.RequestStream.CompleteAsync();

    /// <summary>
    /// The console's output bytes, in order, until the provider closes the session; then <see cref="CloseReason"/> and
    /// <see cref="CloseMessage"/> are set and the enumeration ends. A call that fails throws <see cref="RpcException"/>.
    /// Enumerate it once.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await _call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var output = _call.ResponseStream.Current;
            switch (output.OutputCase)
            {
                case ConsoleOutput.OutputOneofCase.Data:
                    yield return output.Data.Memory;
                    break;
                case ConsoleOutput.OutputOneofCase.Closed:
                    CloseReason = output.Closed.Reason;
                    CloseMessage = output.Closed.Message;
                    break;
                default:
                    // A second opened or an empty message carries nothing for the reader; the proto allows only one
                    // opened, which OpenConsoleAsync consumed.
                    break;
            }
        }

        // The call ended with OK: a provider that skipped the closed message still ended the session normally.
        CloseReason ??= ConsoleCloseReason.Unspecified;
        CloseMessage ??= "";
    }

    /// <summary>Cancels the call if it is still running.</summary>
    public void Dispose() => _call.Dispose();

    /// <summary>Cancels the call if it is still running.</summary>
    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        return ValueTask.CompletedTask;
    }
}

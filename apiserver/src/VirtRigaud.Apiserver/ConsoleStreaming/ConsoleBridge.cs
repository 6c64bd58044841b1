using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.V1;
using Status = VirtRigaud.Api.Machinery.Status;

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>
/// Relays one console session between an accepted WebSocket and an open provider ConsoleStream until one side ends,
/// the VirtualMachine goes away or the server drains, then closes the WebSocket with a close frame that says why
/// (<see cref="ConsoleEnd"/>). One instance per session; not thread-safe (it owns both pumps).
/// </summary>
/// <remarks>
/// Two pumps run concurrently: output (provider → client: the only sender until it has ended) and input (client →
/// provider: the only receiver and the only writer to the provider). Every ending goes through <see cref="FinishAsync"/>,
/// which sends only once the output pump has stopped, so WebSocket sends never overlap.
/// <list type="table">
/// <listheader><term>what ends first</term><description>what follows</description></listheader>
/// <item><term>the provider sends <c>closed</c> or fails</term><description>error stream + close frame; the client's close frame is awaited</description></item>
/// <item><term>the client sends a close frame</term><description>the provider session is half-closed and its <c>closed</c> awaited, then the close is answered</description></item>
/// <item><term>the client vanishes (no close, no pong)</term><description>the provider call is cancelled</description></item>
/// <item><term>the VM is deleted, the server drains</term><description>the provider call is cancelled, then error stream + close frame</description></item>
/// </list>
/// Each wait for the other side is bounded by <see cref="ConsoleStreamOptions.CloseTimeout"/>, after which the socket is aborted.
/// </remarks>
internal sealed class ConsoleBridge
{
    /// <summary>The largest client message accepted (keystrokes and pastes are far smaller); larger ones close the session with 1009.</summary>
    public const int MaxInputMessageBytes = 1024 * 1024;

    private const int ReceiveBufferBytes = 16 * 1024;

    private readonly WebSocket _socket;
    private readonly ConsoleSubprotocol _protocol;
    private readonly ProviderConsoleSession _session;
    private readonly ConsoleStreamOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationToken _aborted;

    public ConsoleBridge(WebSocket socket, ConsoleSubprotocol protocol, ProviderConsoleSession session, ConsoleStreamOptions options, TimeProvider time, CancellationToken aborted)
    {
        _socket = socket;
        _protocol = protocol;
        _session = session;
        _options = options;
        _time = time;
        _aborted = aborted;
    }

    /// <summary>What an input pump saw last.</summary>
    private enum InputOutcome
    {
        ClientClosed,
        ClientGone,
        ProviderGone,
        Invalid,
        TooLarge,
    }

    /// <summary>
    /// Runs the session to its end (see the type's remarks) and returns how it ended; null when the client vanished and
    /// nothing could be told. <paramref name="vmGone"/> completes with a reason when the VirtualMachine goes away;
    /// <paramref name="draining"/> fires when the server shuts down. Never throws for the peers' failures.
    /// </summary>
    public async Task<ConsoleEnd?> RunAsync(Task<string> vmGone, CancellationToken draining)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onDrain = draining.Register(() => drained.TrySetResult());
        string? invalid = null;
        var output = PumpOutputAsync();
        var input = PumpInputAsync(problem => invalid = problem);

        var first = await Task.WhenAny(output, input, vmGone, drained.Task).ConfigureAwait(false);
        if (first == output)
        {
            var end = await output.ConfigureAwait(false);
            if (end is null)
            {
                return await AbandonAsync(input).ConfigureAwait(false);
            }

            await FinishAsync(end, input).ConfigureAwait(false);
            return end;
        }

        if (first == input)
        {
            switch (await input.ConfigureAwait(false))
            {
                case InputOutcome.ClientClosed:
                    return await AnswerClientCloseAsync(output).ConfigureAwait(false);
                case InputOutcome.ProviderGone:
                    // The write failed because the call ended: the output pump knows why.
                    var end = await output.ConfigureAwait(false);
                    if (end is not null)
                    {
                        await FinishAsync(end, input).ConfigureAwait(false);
                    }

                    return end;
                case InputOutcome.Invalid:
                    return await StopAsync(output, input, ConsoleEnd.Refused(WebSocketCloseStatus.InvalidPayloadData, invalid ?? "invalid message")).ConfigureAwait(false);
                case InputOutcome.TooLarge:
                    return await StopAsync(output, input, ConsoleEnd.Refused(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {MaxInputMessageBytes} bytes")).ConfigureAwait(false);
                default:
                    return await AbandonAsync(output).ConfigureAwait(false);
            }
        }

        var ending = first == vmGone
            ? ConsoleEnd.Failed(WebSocketCloseStatus.NormalClosure, "VMDeleted", await vmGone.ConfigureAwait(false))
            : ConsoleEnd.Failed(WebSocketCloseStatus.EndpointUnavailable, StatusReasons.ServiceUnavailable, "apiserver is shutting down");
        return await StopAsync(output, input, ending).ConfigureAwait(false);
    }

    /// <summary>Provider → client. Returns the provider's ending, or null when the client could not be written to.</summary>
    private async Task<ConsoleEnd?> PumpOutputAsync()
    {
        try
        {
            if (ConsoleCodec.EncodeOpened(_protocol) is { } opened)
            {
                await _socket.SendAsync(opened.Message.AsMemory(), opened.Type, endOfMessage: true, _aborted).ConfigureAwait(false);
            }

            // Not cancelled by a token: ending the provider call (disposing the session) is what stops this loop.
            await foreach (var chunk in _session.ReadOutputAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var (message, type) = ConsoleCodec.EncodeOutput(_protocol, chunk.Span);
                await _socket.SendAsync(message.AsMemory(), type, endOfMessage: true, _aborted).ConfigureAwait(false);
            }

            return ConsoleEnd.ProviderClosed(_session.CloseReason ?? ConsoleCloseReason.Unspecified, _session.CloseMessage ?? "");
        }
        catch (RpcException e)
        {
            return ConsoleEnd.ProviderFailed(e.StatusCode.ToString(), e.Status.Detail);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>Client → provider, until the client's close frame, the client's disappearance or a failed provider write.</summary>
    private async Task<InputOutcome> PumpInputAsync(Action<string> invalid)
    {
        var buffer = new byte[ReceiveBufferBytes];
        var message = new ArrayBufferWriter<byte>(ReceiveBufferBytes);
        var inputClosed = false;
        try
        {
            while (true)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer.AsMemory(), _aborted).ConfigureAwait(false);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        return InputOutcome.ClientClosed;
                    }

                    if (message.WrittenCount + received.Count > MaxInputMessageBytes)
                    {
                        return InputOutcome.TooLarge;
                    }

                    message.Write(buffer.AsSpan(0, received.Count));
                }
                while (!received.EndOfMessage);

                if (inputClosed)
                {
                    // After a v5 close of stdin nothing more is forwarded; the provider is ending the session.
                    continue;
                }

                var input = ConsoleCodec.DecodeInput(_protocol, message.WrittenMemory.ToArray(), received.MessageType);
                switch (input.Kind)
                {
                    case ConsoleClientInputKind.Data:
                        await _session.WriteAsync(input.Data, _aborted).ConfigureAwait(false);
                        break;
                    case ConsoleClientInputKind.Resize:
                        await _session.ResizeAsync(input.Columns, input.Rows, _aborted).ConfigureAwait(false);
                        break;
                    case ConsoleClientInputKind.CloseInput:
                        inputClosed = true;
                        await _session.CompleteAsync().ConfigureAwait(false);
                        break;
                    case ConsoleClientInputKind.Invalid:
                        invalid(input.Problem ?? "invalid message");
                        return InputOutcome.Invalid;
                }
            }
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            return InputOutcome.ProviderGone;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return InputOutcome.ClientGone;
        }
    }

    /// <summary>The client closed: half-close the provider session, let it say goodbye, then answer the close.</summary>
    private async Task<ConsoleEnd> AnswerClientCloseAsync(Task<ConsoleEnd?> output)
    {
        try
        {
            await _session.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The call already ended (or stdin was closed by a v5 signal): the output pump is finishing.
        }

        if (!await CompletesWithinAsync(output).ConfigureAwait(false))
        {
            _session.Dispose();
        }

        await output.ConfigureAwait(false);
        var end = ConsoleEnd.Succeeded("console closed");
        await CloseOutputAsync(end).ConfigureAwait(false);
        return end;
    }

    /// <summary>Ends the provider call, then tells the client <paramref name="end"/> (null when the client is gone).</summary>
    private async Task<ConsoleEnd?> StopAsync(Task<ConsoleEnd?> output, Task<InputOutcome> input, ConsoleEnd end)
    {
        _session.Dispose();
        if (await output.ConfigureAwait(false) is null)
        {
            // The client could not be written to: nobody to tell.
            return await AbandonAsync(input).ConfigureAwait(false);
        }

        await FinishAsync(end, input).ConfigureAwait(false);
        return end;
    }

    /// <summary>
    /// With the output pump stopped: the error-stream message, the close frame, then the client's close frame (read by the
    /// input pump, which then ends) within the close timeout, else the socket is aborted.
    /// </summary>
    private async Task FinishAsync(ConsoleEnd end, Task<InputOutcome> input)
    {
        if (end.Status is { } status && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(status, MachineryJsonContext.Default.Status);
            if (ConsoleCodec.EncodeEnd(_protocol, json, status.Message ?? "", status.StatusValue == Status.Success) is { } message)
            {
                try
                {
                    await _socket.SendAsync(message.Message.AsMemory(), message.Type, endOfMessage: true, _aborted).ConfigureAwait(false);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException)
                {
                    return;
                }
            }
        }

        await CloseOutputAsync(end).ConfigureAwait(false);
        _session.Dispose();
        await AwaitClientCloseAsync(input).ConfigureAwait(false);
    }

    /// <summary>
    /// After our close frame: the client's close frame completes the handshake. The input pump reads it when it still
    /// runs; otherwise it is read here. Either way within the close timeout, else the socket is aborted.
    /// </summary>
    private async Task AwaitClientCloseAsync(Task<InputOutcome> input)
    {
        if (!input.IsCompleted)
        {
            if (!await CompletesWithinAsync(input).ConfigureAwait(false))
            {
                _socket.Abort();
            }

            return;
        }

        using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _aborted);
        var buffer = new byte[ReceiveBufferBytes];
        try
        {
            while (_socket.State == WebSocketState.CloseSent)
            {
                // Whatever the client still sends before its close frame is dropped: the session is over.
                await _socket.ReceiveAsync(buffer.AsMemory(), linked.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            _socket.Abort();
        }
    }

    private async Task CloseOutputAsync(ConsoleEnd end)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _aborted);
        try
        {
            await _socket.CloseOutputAsync(end.CloseStatus, end.Reason, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // A client that does not read its socket any more: cancelling the send aborted it.
        }
    }

    /// <summary>The client vanished: end the provider call and wait for the other pump.</summary>
    private async Task<ConsoleEnd?> AbandonAsync<T>(Task<T> other)
    {
        _session.Dispose();
        _socket.Abort();
        await other.ConfigureAwait(false);
        return null;
    }

    private async Task<bool> CompletesWithinAsync(Task task)
    {
        try
        {
            await task.WaitAsync(_options.CloseTimeout, _time).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

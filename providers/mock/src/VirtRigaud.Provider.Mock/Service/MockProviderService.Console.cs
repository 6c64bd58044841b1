using System.Text;
using Google.Protobuf;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Sdk.Streaming;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Mock.Service;

public sealed partial class MockProviderService
{
    /// <summary>
    /// The mock's serial console: after <c>opened</c> it greets with a banner line naming the VM, then echoes every
    /// byte it receives. It ends with <c>closed</c>: CLIENT_CLOSED when the client half-closes, VM_STOPPED when the
    /// guest stops or the VM is deleted, PROVIDER_SHUTDOWN when the provider drains.
    /// </summary>
    public override async Task ConsoleStreamAsync(IAsyncStreamReader<ConsoleInput> requests, IServerStreamWriter<ConsoleOutput> responses, ServerCallContext context)
    {
        if (!_hypervisor.Capabilities.ConsoleStream)
        {
            await base.ConsoleStreamAsync(requests, responses, context).ConfigureAwait(false);
            return;
        }

        var cancellationToken = context.CancellationToken;
        var open = await ConsoleProtocol.ReadOpenAsync(requests, cancellationToken).ConfigureAwait(false);
        var attachment = _hypervisor.AttachConsole(open.VmId);
        MockLog.ConsoleOpened(_logger, attachment.VmId);
        await responses.WriteAsync(new ConsoleOutput { Opened = new ConsoleOpened { Kind = ConsoleKind.Serial } }, cancellationToken).ConfigureAwait(false);
        var banner = $"virtrigaud mock serial console: {attachment.VmName} ({attachment.VmId})\r\n";
        await responses.WriteAsync(new ConsoleOutput { Data = ByteString.CopyFrom(banner, Encoding.UTF8) }, cancellationToken).ConfigureAwait(false);

        var shutdown = _lifecycle?.Stopping ?? CancellationToken.None;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attachment.GuestStopped, shutdown);
        ConsoleClosed closed;
        while (true)
        {
            bool more;
            try
            {
                more = await requests.MoveNext(ended.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && (attachment.GuestStopped.IsCancellationRequested || shutdown.IsCancellationRequested))
            {
                closed = attachment.GuestStopped.IsCancellationRequested
                    ? new ConsoleClosed { Reason = ConsoleCloseReason.VmStopped, Message = $"vm {attachment.VmId} stopped" }
                    : new ConsoleClosed { Reason = ConsoleCloseReason.ProviderShutdown, Message = "the provider is shutting down" };
                break;
            }

            if (!more)
            {
                closed = new ConsoleClosed { Reason = ConsoleCloseReason.ClientClosed, Message = "client closed the session" };
                break;
            }

            var input = requests.Current;
            switch (input.InputCase)
            {
                case ConsoleInput.InputOneofCase.Data:
                    await responses.WriteAsync(new ConsoleOutput { Data = input.Data }, cancellationToken).ConfigureAwait(false);
                    break;
                case ConsoleInput.InputOneofCase.Resize:
                    // A serial line has no size; accepted and ignored, as the contract allows.
                    break;
                default:
                    throw ConsoleProtocol.UnexpectedInput();
            }
        }

        await responses.WriteAsync(new ConsoleOutput { Closed = closed }, cancellationToken).ConfigureAwait(false);
        MockLog.ConsoleClosed(_logger, attachment.VmId, closed.Reason.ToString());
    }
}

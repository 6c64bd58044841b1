using Google.Protobuf;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Libvirt.Libvirt;
using VirtRigaud.Provider.Libvirt.Transport;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Streaming;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Libvirt.Service;

internal sealed partial class LibvirtProviderService
{
    /// <summary>The console escape of <c>virsh console</c> (Ctrl+]): a client that types it ends its own session.</summary>
    private const byte VirshEscape = 0x1d;

    /// <summary>How long a domain whose console ended may take to show as stopped in libvirt.</summary>
    private static readonly TimeSpan ConsoleStopSettleTime = TimeSpan.FromSeconds(5);

    /// <summary>How often the domain state is read meanwhile.</summary>
    private static readonly TimeSpan ConsoleStopPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long virsh (and ssh) may take to attach to the console.</summary>
    private static readonly TimeSpan ConsoleAttachTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The domain's serial console through <c>virsh console --force</c>, run on the hypervisor host in a
    /// pseudo-terminal (<c>ssh -tt</c>, or <c>script</c> for a local endpoint): bytes typed by the client go to the
    /// guest's serial port, what the guest writes comes back. <c>opened</c> is sent once virsh has attached; virsh's own
    /// lines before that are not part of the session. libvirt allows one console session per domain, so a new
    /// session takes over (the previous one ends with SESSION_REPLACED). Ends with <c>closed</c>: CLIENT_CLOSED (the
    /// client half-closed, or typed virsh's escape Ctrl+]), VM_STOPPED (the domain stopped or was deleted),
    /// PROVIDER_SHUTDOWN (the provider drains).
    /// </summary>
    public override async Task ConsoleStreamAsync(IAsyncStreamReader<ConsoleInput> requests, IServerStreamWriter<ConsoleOutput> responses, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var open = await ConsoleProtocol.ReadOpenAsync(requests, ct).ConfigureAwait(false);
        var name = open.VmId;
        var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
        var state = await virsh.TryStateAsync(name, ct).ConfigureAwait(false) ?? throw ProviderErrors.NotFound("vm", name);
        if (!DomainStates.IsActive(state))
        {
            throw ProviderErrors.FailedPrecondition($"vm \"{name}\" is powered off (domain state {DomainStates.Describe(state)}): its console is not available");
        }

        TerminalProcess terminal;
        try
        {
            terminal = virsh.Runner.StartWithTerminal(["virsh", "-c", virsh.Uri, "console", VirshClient.Domain(name), "--force"]);
        }
        catch (InvalidOperationException e)
        {
            throw ProviderErrors.Unavailable($"the console of vm \"{name}\" cannot be opened: {e.Message}", e);
        }

        using (terminal)
        {
            var first = await AttachAsync(name, virsh, terminal, ct).ConfigureAwait(false);
            Log.ConsoleOpened(logger, name);
            await responses.WriteAsync(new ConsoleOutput { Opened = new ConsoleOpened { Kind = ConsoleKind.Serial } }, ct).ConfigureAwait(false);
            if (!first.IsEmpty)
            {
                await responses.WriteAsync(new ConsoleOutput { Data = ByteString.CopyFrom(first.Span) }, ct).ConfigureAwait(false);
            }

            var closed = await RelayAsync(name, terminal, requests, responses, ct).ConfigureAwait(false);
            await responses.WriteAsync(new ConsoleOutput { Closed = closed }, ct).ConfigureAwait(false);
            Log.ConsoleClosed(logger, name, closed.Reason.ToString());
        }
    }

    /// <summary>
    /// Reads virsh's own output until it has attached to the console (<see cref="VirshConsoleBanner"/>), so that the
    /// client's first keystrokes cannot be lost to virsh's switch to raw mode and the session carries the guest's bytes
    /// only. Returns the guest output that came with the banner.
    /// </summary>
    /// <exception cref="ProviderException">virsh or ssh failed (libvirt's or ssh's message, mapped like any virsh failure), or no attach within <see cref="ConsoleAttachTimeout"/>.</exception>
    private static async Task<ReadOnlyMemory<byte>> AttachAsync(string name, VirshClient virsh, TerminalProcess terminal, CancellationToken ct)
    {
        var banner = new VirshConsoleBanner();
        var buffer = new byte[4096];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ConsoleAttachTimeout);
        try
        {
            while (true)
            {
                var read = await terminal.Output.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                var guest = banner.Add(buffer.AsMemory(0, read));
                if (banner.Attached)
                {
                    return guest.ToArray();
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            terminal.Kill();
            throw ProviderErrors.Unavailable($"virsh console did not attach to vm \"{name}\" within {ConsoleAttachTimeout.TotalSeconds:0} s: {banner.Preamble.Trim()}");
        }

        var exitCode = await terminal.WaitForExitAsync(ct).ConfigureAwait(false);
        var result = new CommandResult(exitCode, string.Empty, banner.Preamble + terminal.LauncherErrors);
        if (virsh.Runner.IsRemote)
        {
            try
            {
                SshCommandRunner.Classify(result);
            }
            catch (SshTransportException e)
            {
                throw LibvirtErrors.FromTransport(e);
            }
        }

        throw LibvirtErrors.FromResult("virsh console", result);
    }

    private async Task<ConsoleClosed> RelayAsync(
        string name,
        TerminalProcess terminal,
        IAsyncStreamReader<ConsoleInput> requests,
        IServerStreamWriter<ConsoleOutput> responses,
        CancellationToken ct)
    {
        var shutdown = lifecycle.Stopping;
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct, shutdown);
        var output = PumpOutputAsync(terminal, responses, ct);
        var escaped = false;
        ConsoleCloseReason? reason = null;
        while (reason is null)
        {
            var next = requests.MoveNext(stopReading.Token);
            if (await Task.WhenAny(next, output).ConfigureAwait(false) == output)
            {
                // The console ended on the host side; stop waiting for the client.
                await stopReading.CancelAsync().ConfigureAwait(false);
                await ObserveAsync(next).ConfigureAwait(false);
                break;
            }

            bool more;
            try
            {
                more = await next.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (shutdown.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                reason = ConsoleCloseReason.ProviderShutdown;
                break;
            }

            if (!more)
            {
                reason = ConsoleCloseReason.ClientClosed;
                break;
            }

            var input = requests.Current;
            switch (input.InputCase)
            {
                case ConsoleInput.InputOneofCase.Data:
                    escaped |= input.Data.Span.Contains(VirshEscape);
                    try
                    {
                        await terminal.Input.WriteAsync(input.Data.Memory, ct).ConfigureAwait(false);
                        await terminal.Input.FlushAsync(ct).ConfigureAwait(false);
                    }
                    catch (IOException)
                    {
                        // The console process has ended; the output pump reports why.
                    }

                    break;
                case ConsoleInput.InputOneofCase.Resize:
                    // A serial line has no size; accepted and ignored, as the contract allows.
                    break;
                default:
                    terminal.Kill();
                    await ObserveAsync(output).ConfigureAwait(false);
                    throw ConsoleProtocol.UnexpectedInput();
            }
        }

        terminal.Kill();
        await output.ConfigureAwait(false);
        var exitCode = await terminal.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return reason switch
        {
            ConsoleCloseReason.ClientClosed => new ConsoleClosed { Reason = ConsoleCloseReason.ClientClosed, Message = "client closed the session" },
            ConsoleCloseReason.ProviderShutdown => new ConsoleClosed { Reason = ConsoleCloseReason.ProviderShutdown, Message = "the provider is shutting down" },
            _ => await WhyEndedAsync(name, terminal, exitCode, escaped, ct).ConfigureAwait(false),
        };
    }

    /// <summary>Copies the terminal's output to the client until it ends; returns without throwing when the process is killed.</summary>
    private static async Task PumpOutputAsync(TerminalProcess terminal, IServerStreamWriter<ConsoleOutput> responses, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await terminal.Output.ReadAsync(buffer, ct).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            await responses.WriteAsync(new ConsoleOutput { Data = ByteString.CopyFrom(buffer, 0, read) }, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The console process ended by itself: ssh failed, the domain stopped, or another session took over.</summary>
    private async Task<ConsoleClosed> WhyEndedAsync(string name, TerminalProcess terminal, int exitCode, bool escaped, CancellationToken ct)
    {
        var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
        if (virsh.Runner.IsRemote && exitCode == 255)
        {
            try
            {
                SshCommandRunner.Classify(new CommandResult(exitCode, string.Empty, terminal.LauncherErrors));
            }
            catch (SshTransportException e)
            {
                throw LibvirtErrors.FromTransport(e);
            }
        }

        // The console ends when QEMU closes the serial line, a moment before libvirt records the domain as shut off:
        // a domain that still looks active is watched briefly before the session counts as taken over.
        var state = await virsh.TryStateAsync(name, ct).ConfigureAwait(false);
        var settle = time.GetUtcNow() + ConsoleStopSettleTime;
        while (state is { } active && DomainStates.IsActive(active) && time.GetUtcNow() < settle)
        {
            await Task.Delay(ConsoleStopPollInterval, time, ct).ConfigureAwait(false);
            state = await virsh.TryStateAsync(name, ct).ConfigureAwait(false);
        }

        if (state is null)
        {
            return new ConsoleClosed { Reason = ConsoleCloseReason.VmStopped, Message = $"vm \"{name}\" was deleted" };
        }

        if (!DomainStates.IsActive(state.Value))
        {
            return new ConsoleClosed { Reason = ConsoleCloseReason.VmStopped, Message = $"vm \"{name}\" stopped (domain state {DomainStates.Describe(state.Value)})" };
        }

        return escaped
            ? new ConsoleClosed { Reason = ConsoleCloseReason.ClientClosed, Message = "the console escape character (Ctrl+]) ended the session" }
            : new ConsoleClosed { Reason = ConsoleCloseReason.SessionReplaced, Message = $"another console session took over vm \"{name}\" (libvirt allows one at a time)" };
    }

    /// <summary>Waits for a task whose outcome no longer matters (a cancelled read, a pump whose call is failing anyway).</summary>
    private static async Task ObserveAsync(Task pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
        }
    }
}

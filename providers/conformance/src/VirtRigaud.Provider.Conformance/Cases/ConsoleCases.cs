using System.Text;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.V1;
using static VirtRigaud.Provider.Conformance.ConformanceContext;

namespace VirtRigaud.Provider.Conformance.Cases;

/// <summary>console-stream: our additive bidirectional serial console.</summary>
internal static class ConsoleCases
{
    public static readonly ConformanceCase ConsoleStream = new(
        ConformanceCaseNames.ConsoleStream,
        "ConsoleStream (our addition) opens a serial session on a running VM (opened first), relays the probe and the console's answer, and ends with closed CLIENT_CLOSED and OK after the client half-closes; NOT_FOUND for a missing VM, FAILED_PRECONDITION for a stopped one. Skipped when the provider answers UNIMPLEMENTED.",
        ConsoleStreamAsync);

    private static async Task<CaseVerdict> ConsoleStreamAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var id = await context.CreateVmAsync("console", cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.On, PowerCases.On, cancellationToken).ConfigureAwait(false);

        ConsoleOpenResult opened;
        using (var openTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            openTimeout.CancelAfter(context.Options.ConsoleTimeout);
            opened = await OpenAsync(context, id, openTimeout.Token).ConfigureAwait(false);
        }

        if (!opened.IsSupported)
        {
            context.Step($"ConsoleStream open {id} → UNIMPLEMENTED {Quote(opened.UnsupportedReason ?? "")}");
            return CaseVerdict.Skip($"the provider answers ConsoleStream with UNIMPLEMENTED ({Quote(opened.UnsupportedReason ?? "")}); clients use DescribeResponse.console_url");
        }

        await using (var session = opened.Session)
        {
            context.Step($"ConsoleStream open {id} → opened {session.Kind}");
            Check(session.Kind == ConsoleKind.Serial, $"the provider opened a {session.Kind} console, want SERIAL");
            await ExchangeAsync(context, session, id, cancellationToken).ConfigureAwait(false);
        }

        await context.ExpectStatusAsync(
            "ConsoleStream open of a missing VM",
            [StatusCode.NotFound],
            () => OpenAndDisposeAsync(context, context.Name("missing"), cancellationToken)).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.Off, PowerCases.Off, cancellationToken).ConfigureAwait(false);
        await context.ExpectStatusAsync(
            $"ConsoleStream open of the stopped {id}",
            [StatusCode.FailedPrecondition],
            () => OpenAndDisposeAsync(context, id, cancellationToken)).ConfigureAwait(false);
        return CaseVerdict.Pass();
    }

    private static Task<ConsoleOpenResult> OpenAsync(ConformanceContext context, string vmId, CancellationToken cancellationToken) =>
        context.Client.OpenConsoleAsync(vmId, ConsoleKind.Serial, cancellationToken: cancellationToken);

    private static async Task OpenAndDisposeAsync(ConformanceContext context, string vmId, CancellationToken cancellationToken)
    {
        var result = await OpenAsync(context, vmId, cancellationToken).ConfigureAwait(false);
        if (result.Session is { } session)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, result.UnsupportedReason ?? ""));
        }
    }

    /// <summary>Types the probe, waits for output (when the inputs expect it), half-closes and checks the closing.</summary>
    private static async Task ExchangeAsync(ConformanceContext context, ProviderConsoleSession session, string vmId, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var firstOutput = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var readStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(
            async () =>
            {
                await foreach (var chunk in session.ReadOutputAsync(readStop.Token).ConfigureAwait(false))
                {
                    lock (received)
                    {
                        received.Write(chunk.Span);
                    }

                    firstOutput.TrySetResult();
                }
            },
            CancellationToken.None);

        var probe = Encoding.UTF8.GetBytes(context.Fixture.Console.Probe);
        await session.WriteAsync(probe, cancellationToken).ConfigureAwait(false);
        context.Step($"ConsoleStream {vmId} ← {probe.Length} byte(s)");
        await session.ResizeAsync(120, 40, cancellationToken).ConfigureAwait(false);
        if (context.Fixture.Console.ExpectOutput)
        {
            // Either output arrives or the session ends (the reader's failure is reported as it is).
            var answered = await CompletesWithinAsync(Task.WhenAny(firstOutput.Task, reader), context, cancellationToken).ConfigureAwait(false);
            if (answered && reader.IsCompleted && !firstOutput.Task.IsCompleted)
            {
                await reader.ConfigureAwait(false);
            }

            Check(
                firstOutput.Task.IsCompleted,
                $"the console of {vmId} produced no output within {context.Options.ConsoleTimeout.TotalSeconds:0} s of the probe (set console.expectOutput false for a silent guest)");
        }

        await session.CompleteAsync().ConfigureAwait(false);
        if (!await CompletesWithinAsync(reader, context, cancellationToken).ConfigureAwait(false))
        {
            await readStop.CancelAsync().ConfigureAwait(false);
            throw new ConformanceCaseFailedException($"the console session of {vmId} did not end within {context.Options.ConsoleTimeout.TotalSeconds:0} s of the client's half-close");
        }

        await reader.ConfigureAwait(false);
        long total;
        lock (received)
        {
            total = received.Length;
        }

        context.Step($"ConsoleStream {vmId} → {total} byte(s), closed {session.CloseReason} {Quote(session.CloseMessage ?? "")}");
        Check(
            session.CloseReason == ConsoleCloseReason.ClientClosed,
            $"after the client's half-close the console of {vmId} ended with closed reason {session.CloseReason}, want CLIENT_CLOSED");
    }

    /// <summary>Whether <paramref name="task"/> completes (in any way) within the console timeout.</summary>
    private static async Task<bool> CompletesWithinAsync(Task task, ConformanceContext context, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAny(task).WaitAsync(context.Options.ConsoleTimeout, context.Time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>
/// Runs one local process to completion: argument vector (no shell), extra environment, optional standard input,
/// standard output and error captured as UTF-8 — or streamed as bytes (<see cref="RunStreamingAsync"/>). Cancellation
/// kills the process tree. Thread-safe (no state).
/// </summary>
internal static class ProcessRunner
{
    /// <summary>Runs <paramref name="executable"/> with <paramref name="arguments"/>.</summary>
    /// <exception cref="InvalidOperationException">The executable could not be started (not installed); the message names it.</exception>
    public static async Task<CommandResult> RunAsync(
        string executable,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        ReadOnlyMemory<byte>? standardInput,
        CancellationToken cancellationToken)
    {
        var process = Start(executable, arguments, environment);
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                if (standardInput is { } input)
                {
                    try
                    {
                        await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
                    }
                    catch (IOException)
                    {
                        // The command exited without reading all of its input; its exit code says why.
                    }
                }

                process.StandardInput.Close();
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }

                throw;
            }

            return new CommandResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Runs <paramref name="executable"/> with its standard input written by <paramref name="writeInput"/> and/or its
    /// standard output read by <paramref name="readOutput"/> as raw bytes (see <see cref="ICommandRunner.RunStreamingAsync"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The executable could not be started.</exception>
    public static async Task<CommandResult> RunStreamingAsync(
        string executable,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        Func<Stream, CancellationToken, Task>? writeInput,
        Func<Stream, CancellationToken, Task>? readOutput,
        CancellationToken cancellationToken)
    {
        using var process = Start(executable, arguments, environment);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = readOutput is null ? process.StandardOutput.ReadToEndAsync(CancellationToken.None) : Task.FromResult(string.Empty);
        var pending = new List<Task>();
        if (writeInput is null)
        {
            process.StandardInput.Close();
        }
        else
        {
            pending.Add(WriteInputAsync(process, writeInput, stop.Token));
        }

        if (readOutput is not null)
        {
            pending.Add(ReadOutputAsync(process, readOutput, stop.Token));
        }

        try
        {
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(done);
                if (done.IsCompletedSuccessfully)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();

                // A callback failed. If the command failed first (and the callback saw the broken pipe), its result says why.
                if (done.Exception?.InnerException is IOException && await ExitedWithinAsync(process, TimeSpan.FromSeconds(1)).ConfigureAwait(false) && process.ExitCode != 0)
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    return new CommandResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
                }

                await stop.CancelAsync().ConfigureAwait(false);
                Kill(process);
                await done.ConfigureAwait(false);
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        return new CommandResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    private static async Task WriteInputAsync(Process process, Func<Stream, CancellationToken, Task> writeInput, CancellationToken cancellationToken)
    {
        await writeInput(process.StandardInput.BaseStream, cancellationToken).ConfigureAwait(false);
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command exited without reading everything; its exit code says why.
        }
    }

    private static async Task ReadOutputAsync(Process process, Func<Stream, CancellationToken, Task> readOutput, CancellationToken cancellationToken)
    {
        var stdout = process.StandardOutput.BaseStream;
        await readOutput(stdout, cancellationToken).ConfigureAwait(false);

        // Whatever the reader left is drained, so the command never blocks on a full pipe.
        await stdout.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> ExitedWithinAsync(Process process, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return process.HasExited;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Starts <paramref name="executable"/> with every standard stream redirected (text ones as UTF-8); the caller owns the process.</summary>
    /// <exception cref="InvalidOperationException">The executable could not be started; the message names it.</exception>
    internal static Process Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {executable}: {e.Message}", e);
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>
/// Runs one local process to completion: argument vector (no shell), extra environment, optional standard input,
/// standard output and error captured as UTF-8. Cancellation kills the process tree. Thread-safe (no state).
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

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {executable}: {e.Message}", e);
        }

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
}

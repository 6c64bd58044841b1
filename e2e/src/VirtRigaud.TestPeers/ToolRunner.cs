using System.Diagnostics;

namespace VirtRigaud.TestPeers;

/// <summary>Runs a short-lived tool (ssh-keygen, virsh, qemu-img) to completion and returns its output.</summary>
public static class ToolRunner
{
    /// <summary>The result of one run.</summary>
    /// <param name="ExitCode">The exit code.</param>
    /// <param name="StandardOutput">Everything written to standard output.</param>
    /// <param name="StandardError">Everything written to standard error.</param>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs <paramref name="executable"/> and returns its exit code and output (never throws for a non-zero exit).</summary>
    public static async Task<Result> RunAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Runs the tool and throws with its output when it exits non-zero.</summary>
    public static async Task<string> RunCheckedAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var list = arguments.ToList();
        var result = await RunAsync(executable, list, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0
            ? result.StandardOutput
            : throw new InvalidOperationException($"{executable} {string.Join(' ', list)} failed ({result.ExitCode}): {result.StandardError}{result.StandardOutput}");
    }
}

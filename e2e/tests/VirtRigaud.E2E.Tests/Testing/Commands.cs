using System.Diagnostics;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>Runs a command to completion, with its output captured and a time limit.</summary>
public static class Commands
{
    /// <summary>The default limit of one command (generous: the CI machine is loaded).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>,
    /// <paramref name="standardInput"/> as its input; fails (killing it) when it runs longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null,
        string? standardInput = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var command = fileName + " " + string.Join(' ', arguments);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new Xunit.Sdk.XunitException($"`{command}` did not finish within {timeout ?? DefaultTimeout}\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }

        return new CommandResult { Command = command, ExitCode = process.ExitCode, StandardOutput = await stdout, StandardError = await stderr };
    }
}

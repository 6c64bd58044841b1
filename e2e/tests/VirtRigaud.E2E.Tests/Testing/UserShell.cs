using System.Text;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>
/// A user's second terminal: command lines run by bash exactly as written, in the system's working directory, with
/// every earlier <c>export</c> line in effect. Watch commands (<c>kubectl get … -w</c>) run until the expected line
/// appears and are then ended with Ctrl+C, as the user would.
/// </summary>
public sealed class UserShell(SystemSettings settings, Func<string> diagnostics)
{
    private readonly List<string> _exports = [];

    /// <summary>
    /// Runs an <c>export NAME=value</c> line (so later lines see it) and returns the value bash gave
    /// <paramref name="variable"/>.
    /// </summary>
    public async Task<string> ExportAsync(string line, string variable)
    {
        _exports.Add(line);
        var result = await RunAsync($"printf '%s' \"${variable}\"");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput;
    }

    /// <summary>Runs <paramref name="line"/> to completion and fails unless it exits 0; returns what it printed.</summary>
    public async Task<CommandResult> RunOkAsync(string line)
    {
        var result = await RunAsync(line);
        Assert.True(result.ExitCode == 0, $"{result}\n{diagnostics()}");
        return result;
    }

    /// <summary>Runs <paramref name="line"/> until it prints a line matching <paramref name="match"/>, then presses Ctrl+C; returns that line.</summary>
    public async Task<string> WatchUntilAsync(string line, Func<string, bool> match, string what, TimeSpan timeout)
    {
        await using var watch = ChildProcess.Start("`" + line + "`", settings.WorkDirectory, null, "bash", "-c", Script(line));
        string seen;
        try
        {
            seen = await watch.WaitForLineAsync(match, what, timeout);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{diagnostics()}");
        }

        await watch.InterruptAsync();
        await watch.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return seen;
    }

    private Task<CommandResult> RunAsync(string line) =>
        Commands.RunAsync("bash", ["-c", Script(line)], settings.WorkDirectory);

    private string Script(string line)
    {
        var script = new StringBuilder();
        script.Append("set -o pipefail\n");
        foreach (var export in _exports)
        {
            script.Append(export).Append('\n');
        }

        return script.Append(line).Append('\n').ToString();
    }
}

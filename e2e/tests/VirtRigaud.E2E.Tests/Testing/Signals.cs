using System.Diagnostics;
using System.Globalization;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>POSIX signals sent with procps' <c>kill</c>, to one process or (negative id) to a process group.</summary>
public static class Signals
{
    /// <summary>Sends <paramref name="signal"/> (<c>INT</c>, <c>TERM</c>, <c>KILL</c>, …) to <paramref name="target"/>; a process that is already gone is not an error.</summary>
    public static async Task SendAsync(string signal, int target)
    {
        var start = new ProcessStartInfo("kill") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-" + signal);
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(target.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(start)!;
        await kill.StandardError.ReadToEndAsync();
        await kill.WaitForExitAsync();
    }

    /// <summary>Whether a process with id <paramref name="pid"/> exists (and is not a zombie).</summary>
    public static bool IsAlive(int pid)
    {
        var stat = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "stat");
        try
        {
            // Field 3, after the parenthesised command name, is the state; Z is a zombie nobody reaped yet.
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The ids of live processes whose command line mentions <paramref name="text"/> (e.g. a test's data directory): what
    /// a system under test left running.
    /// </summary>
    public static IReadOnlyList<(int Pid, string CommandLine)> ProcessesMentioning(string text)
    {
        var found = new List<(int, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                if (commandLine.Contains(text, StringComparison.Ordinal) && IsAlive(pid))
                {
                    found.Add((pid, commandLine));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace VirtRigaud.Controllers.Bench;

/// <summary>CPU time and memory of a process, read from <c>/proc/PID/stat</c> and <c>/proc/PID/status</c>. Thread-safe.</summary>
internal static class ProcessStats
{
    private static readonly double TicksPerSecond = ClockTicks();

    /// <summary>User plus system CPU time of <paramref name="pid"/> so far, in seconds (stat fields 14 and 15; not its children).</summary>
    public static double CpuSeconds(int pid)
    {
        var fields = StatFields(pid);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>The parent process id of <paramref name="pid"/> (stat field 4).</summary>
    public static int ParentId(int pid) => int.Parse(StatFields(pid)[1], CultureInfo.InvariantCulture);

    /// <summary>Resident memory (VmRSS) of <paramref name="pid"/> in MiB.</summary>
    public static double RssMiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    /// <summary>The children of <paramref name="parent"/> whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> ChildrenMentioning(int parent, string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (ParentId(pid) == parent && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    // Fields after the parenthesised command name (which may contain spaces): [0] is field 3, the state.
    private static string[] StatFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static double ClockTicks()
    {
        using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = getconf.StandardOutput.ReadToEnd().Trim();
        getconf.WaitForExit();
        return double.Parse(text, CultureInfo.InvariantCulture);
    }
}

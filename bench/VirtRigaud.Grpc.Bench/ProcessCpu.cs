using System.Globalization;

namespace VirtRigaud.Grpc.Bench;

/// <summary>CPU time of another process (the server), read from Linux's <c>/proc/PID/stat</c>.</summary>
internal sealed class ProcessCpu(int pid, int clockTicksPerSecond)
{
    /// <summary>User plus system time of every thread of the process so far.</summary>
    public TimeSpan Read()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces; fields 14 and 15 (utime, stime) are the 12th
        // and 13th after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((double)ticks / clockTicksPerSecond);
    }
}

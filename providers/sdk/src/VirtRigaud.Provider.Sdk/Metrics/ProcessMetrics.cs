using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace VirtRigaud.Provider.Sdk.Metrics;

/// <summary>
/// The process basics every Prometheus client exports (names of client_golang's process collector), on meter
/// <see cref="MeterName"/>: <c>process_cpu_seconds_total</c>, <c>process_resident_memory_bytes</c>,
/// <c>process_virtual_memory_bytes</c>, <c>process_start_time_seconds</c>, <c>process_open_fds</c>,
/// <c>process_max_fds</c> (the last two read from <c>/proc</c>; absent where it does not exist). Read at every scrape.
/// Thread-safe: the exporter serializes collections, and the process handle is refreshed under a lock.
/// </summary>
public sealed class ProcessMetrics : IDisposable
{
    /// <summary>The meter of the process instruments.</summary>
    public const string MeterName = "VirtRigaud.Process";

    private const string ProcSelfFd = "/proc/self/fd";
    private const string ProcSelfLimits = "/proc/self/limits";

    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Lock _sync = new();

    public ProcessMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        var startTime = new DateTimeOffset(_process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        meter.CreateObservableCounter("process_cpu_seconds_total", () => Read(p => p.TotalProcessorTime.TotalSeconds), "s", "Total user and system CPU time spent in seconds.");
        meter.CreateObservableGauge("process_resident_memory_bytes", () => Read(p => (double)p.WorkingSet64), "By", "Resident memory size in bytes.");
        meter.CreateObservableGauge("process_virtual_memory_bytes", () => Read(p => (double)p.VirtualMemorySize64), "By", "Virtual memory size in bytes.");
        meter.CreateObservableGauge("process_start_time_seconds", () => startTime, "s", "Start time of the process since unix epoch in seconds.");
        if (Directory.Exists(ProcSelfFd))
        {
            meter.CreateObservableGauge("process_open_fds", () => (double)Directory.EnumerateFileSystemEntries(ProcSelfFd).Count(), "{fd}", "Number of open file descriptors.");
        }

        if (ReadMaxOpenFiles() is { } maxFds)
        {
            meter.CreateObservableGauge("process_max_fds", () => maxFds, "{fd}", "Maximum number of open file descriptors.");
        }
    }

    public void Dispose() => _process.Dispose();

    private double Read(Func<Process, double> read)
    {
        lock (_sync)
        {
            _process.Refresh();
            return read(_process);
        }
    }

    /// <summary>The soft limit of "Max open files" in <c>/proc/self/limits</c>, or <c>null</c>.</summary>
    private static double? ReadMaxOpenFiles()
    {
        if (!File.Exists(ProcSelfLimits))
        {
            return null;
        }

        foreach (var line in File.ReadLines(ProcSelfLimits))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var soft) ? soft : null;
            }
        }

        return null;
    }
}

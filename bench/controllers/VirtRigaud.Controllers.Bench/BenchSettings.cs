using System.Globalization;

namespace VirtRigaud.Controllers.Bench;

/// <summary>Command-line settings of the controller benchmark; the defaults are the figures issue 8 asks for. Immutable.</summary>
internal sealed record BenchSettings
{
    /// <summary>The repository root (hack/run.sh and the Release build output live there).</summary>
    public string Root { get; init; } = "";

    /// <summary>The build configuration hack/run.sh runs.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>VirtualMachines applied at once with kubectl.</summary>
    public int Vms { get; init; } = 1000;

    /// <summary>Seconds of each idle CPU window: the manager with no VM, then with every VM Ready.</summary>
    public int IdleSeconds { get; init; } = 300;

    /// <summary>Seconds to wait before each idle window, so start-up work (JIT, first resync of the Provider) is not counted.</summary>
    public int SettleSeconds { get; init; } = 30;

    /// <summary>How long every mock operation takes as a provider task (<c>0s</c>: synchronous, as libvirt).</summary>
    public string TaskDuration { get; init; } = "0s";

    /// <summary>Extra manager flags (e.g. <c>--workers=VirtualMachine=20</c>).</summary>
    public string ManagerArgs { get; init; } = "";

    /// <summary>How long the VMs may take to become Ready before the run fails.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public string? OutputFile { get; init; }

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--root" => settings with { Root = value },
                "--configuration" => settings with { Configuration = value },
                "--vms" => settings with { Vms = Int(value) },
                "--idle-seconds" => settings with { IdleSeconds = Int(value) },
                "--settle-seconds" => settings with { SettleSeconds = Int(value) },
                "--task-duration" => settings with { TaskDuration = value },
                "--manager-args" => settings with { ManagerArgs = value },
                "--ready-timeout-minutes" => settings with { ReadyTimeout = TimeSpan.FromMinutes(Int(value)) },
                "--out" => settings with { OutputFile = value },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
            i++;
        }

        if (!File.Exists(Path.Combine(settings.Root, "hack", "run.sh")))
        {
            throw new ArgumentException($"--root {settings.Root}: hack/run.sh not found");
        }

        if (settings.Vms < 1 || settings.IdleSeconds < 1 || settings.SettleSeconds < 0)
        {
            throw new ArgumentException("--vms and --idle-seconds must be positive, --settle-seconds not negative");
        }

        return settings;
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
}

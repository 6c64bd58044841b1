using System.Globalization;

namespace VirtRigaud.Apiserver.Bench;

/// <summary>Command-line settings of the API server benchmark; the defaults are the figures issue 5 asks for.</summary>
internal sealed record BenchSettings
{
    /// <summary>The Release build of the server (virtrigaud-apiserver.dll), run with <c>dotnet</c>.</summary>
    public string ServerDll { get; init; } = "";

    /// <summary>The YAML file of the VirtualMachine every create sends (with a unique name).</summary>
    public string ExampleFile { get; init; } = "";

    public IReadOnlyList<string> Stores { get; init; } = ["sqlite", "etcd"];

    /// <summary>VirtualMachines stored before the read, watch and memory phases.</summary>
    public int Vms { get; init; } = 10_000;

    /// <summary>Concurrent clients of the timed create phases (before the fill).</summary>
    public IReadOnlyList<int> TimedCreateClients { get; init; } = [1, 8];

    /// <summary>Seconds of each timed create phase (and of each raw-storage create phase).</summary>
    public double CreateSeconds { get; init; } = 4;

    /// <summary>Concurrent clients of the fill up to <see cref="Vms"/>.</summary>
    public int FillClients { get; init; } = 64;

    /// <summary>Concurrent clients of the concurrent read phases.</summary>
    public int ReadClients { get; init; } = 8;

    /// <summary>GETs per GET case (sequential: one client; concurrent: split over <see cref="ReadClients"/>).</summary>
    public int Gets { get; init; } = 1000;

    /// <summary>Sequential LISTs of all objects per LIST case; the concurrent case runs one per client.</summary>
    public int Lists { get; init; } = 5;

    public int Watchers { get; init; } = 1000;

    /// <summary>HTTP/2 connections the watchers are spread over (a fleet of clients, not one).</summary>
    public int WatchConnections { get; init; } = 10;

    /// <summary>Updates of one VM whose events every watcher must receive.</summary>
    public int WatchUpdates { get; init; } = 50;

    /// <summary>Pause between one update's last delivery and the next update.</summary>
    public TimeSpan WatchSpacing { get; init; } = TimeSpan.FromMilliseconds(20);

    public string? OutputFile { get; init; }

    public TimeSpan CreateDuration => TimeSpan.FromSeconds(CreateSeconds);

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--server-dll" => settings with { ServerDll = value },
                "--example" => settings with { ExampleFile = value },
                "--stores" => settings with { Stores = value.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--vms" => settings with { Vms = Int(value) },
                "--timed-clients" => settings with { TimedCreateClients = value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Int).ToList() },
                "--create-seconds" => settings with { CreateSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--fill-clients" => settings with { FillClients = Int(value) },
                "--read-clients" => settings with { ReadClients = Int(value) },
                "--gets" => settings with { Gets = Int(value) },
                "--lists" => settings with { Lists = Int(value) },
                "--watchers" => settings with { Watchers = Int(value) },
                "--watch-connections" => settings with { WatchConnections = Int(value) },
                "--watch-updates" => settings with { WatchUpdates = Int(value) },
                "--out" => settings with { OutputFile = value },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
            i++;
        }

        if (!File.Exists(settings.ServerDll))
        {
            throw new ArgumentException($"--server-dll {settings.ServerDll}: no such file");
        }

        if (!File.Exists(settings.ExampleFile))
        {
            throw new ArgumentException($"--example {settings.ExampleFile}: no such file");
        }

        return settings;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}

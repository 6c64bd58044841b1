using System.Globalization;

namespace VirtRigaud.Storage.Bench;

/// <summary>Command-line settings of the storage benchmark.</summary>
internal sealed record BenchSettings
{
    /// <summary>Seconds each measured phase runs.</summary>
    public double DurationSeconds { get; init; } = 5;

    /// <summary>Rounds per case; the report shows the median.</summary>
    public int Repeats { get; init; } = 3;

    public IReadOnlyList<int> Writers { get; init; } = [1, 8, 64];

    public IReadOnlyList<string> Backends { get; init; } = ["sqlite", "etcd"];

    /// <summary>Size of the JSON value written (a VirtualMachine object is about this big).</summary>
    public int ValueBytes { get; init; } = 1536;

    public string? OutputFile { get; init; }

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--duration" => settings with { DurationSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--repeats" => settings with { Repeats = int.Parse(value, CultureInfo.InvariantCulture) },
                "--writers" => settings with { Writers = value.Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToList() },
                "--backends" => settings with { Backends = value.Split(',') },
                "--value-bytes" => settings with { ValueBytes = int.Parse(value, CultureInfo.InvariantCulture) },
                "--out" => settings with { OutputFile = value },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
            i++;
        }

        return settings;
    }
}

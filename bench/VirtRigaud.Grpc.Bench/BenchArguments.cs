using System.Globalization;

namespace VirtRigaud.Grpc.Bench;

/// <summary>The <c>--name value</c> pairs of the command line, read culture-invariantly.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values;

    private BenchArguments(Dictionary<string, string> values) => _values = values;

    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Count)
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'", nameof(args));
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new BenchArguments(values);
    }

    public string GetString(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required", nameof(name));

    public int GetInt32(string name, int? fallback = null) =>
        _values.TryGetValue(name, out var value)
            ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : fallback ?? throw new ArgumentException($"--{name} is required", nameof(name));

    public TimeSpan GetSeconds(string name, TimeSpan? fallback = null) =>
        _values.TryGetValue(name, out var value)
            ? TimeSpan.FromSeconds(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture))
            : fallback ?? throw new ArgumentException($"--{name} is required", nameof(name));
}

using System.Globalization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Checks a schedule expression as a robfig/cron-style scheduler reads it. The CRD's pattern only looks at the start
/// or the end of the text (its alternatives sit outside the anchors), so <c>@daily at noon</c> or <c>99 * * * *</c>
/// pass it; this check reads every field.
/// </summary>
/// <remarks>
/// Accepted forms:
/// <list type="table">
///   <item><term>descriptor</term><description><c>@yearly</c>, <c>@annually</c>, <c>@monthly</c>, <c>@weekly</c>, <c>@daily</c>, <c>@hourly</c>, <c>@reboot</c> (exactly)</description></item>
///   <item><term>interval</term><description><c>@every &lt;Go duration&gt;</c>, greater than zero</description></item>
///   <item><term>5 fields</term><description>minute hour day-of-month month day-of-week</description></item>
///   <item><term>6 fields</term><description>second, then the five above</description></item>
///   <item><term>7 fields</term><description>second, the five above, year</description></item>
/// </list>
/// Each field is a comma list of <c>*</c>, <c>?</c>, <c>n</c> or <c>n-m</c>, each optionally followed by <c>/step</c>.
/// Month and weekday names are not accepted: the CRD pattern only allows digits.
/// </remarks>
internal static class CronSpec
{
    private const string EveryPrefix = "@every ";

    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly", "@reboot"];

    private static readonly CronField Second = new("second", 0, 59);
    private static readonly CronField Year = new("year", 1970, 2099);

    // Day of week: 0 and 7 are both Sunday, as in Vixie cron.
    private static readonly CronField[] Standard =
    [
        new("minute", 0, 59),
        new("hour", 0, 23),
        new("day of month", 1, 31),
        new("month", 1, 12),
        new("day of week", 0, 7),
    ];

    /// <summary>Returns <see langword="null"/> for a valid expression, else what is wrong with it.</summary>
    public static string? Check(string spec)
    {
        if (spec.StartsWith('@'))
        {
            return CheckDescriptor(spec);
        }

        var fields = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        CronField[] layout = fields.Length switch
        {
            5 => Standard,
            6 => [Second, .. Standard],
            7 => [Second, .. Standard, Year],
            _ => [],
        };
        if (layout.Length == 0)
        {
            return "must have 5 fields (minute hour day-of-month month day-of-week), 6 (with seconds first) or 7 (with seconds and year), "
                + "or be a descriptor such as @daily or @every <duration>";
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (CheckField(fields[i], layout[i]) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckDescriptor(string spec)
    {
        if (Descriptors.Contains(spec, StringComparer.Ordinal))
        {
            return null;
        }

        if (spec.StartsWith(EveryPrefix, StringComparison.Ordinal))
        {
            var interval = spec[EveryPrefix.Length..];
            if (!Duration.TryParse(interval, out var d, out var error))
            {
                return "@every needs a Go duration such as 1h30m: " + error;
            }

            return d.Nanoseconds > 0 ? null : "@every needs a duration greater than zero";
        }

        return "must be one of " + string.Join(", ", Descriptors) + " or @every <duration>";
    }

    private static string? CheckField(string field, CronField bounds)
    {
        foreach (var item in field.Split(','))
        {
            if (CheckItem(item, bounds) is { } problem)
            {
                return $"{bounds.Name} field {FieldQuote(field)}: {problem}";
            }
        }

        return null;
    }

    private static string? CheckItem(string item, CronField bounds)
    {
        var range = item;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            range = item[..slash];
            if (!TryNumber(item[(slash + 1)..], out var step) || step < 1)
            {
                return "the step after / must be a positive number";
            }
        }

        if (range is "*" or "?")
        {
            return null;
        }

        var dash = range.IndexOf('-', StringComparison.Ordinal);
        var lowText = dash >= 0 ? range[..dash] : range;
        var highText = dash >= 0 ? range[(dash + 1)..] : range;
        if (!TryNumber(lowText, out var low) || !TryNumber(highText, out var high))
        {
            return "each item must be *, a number, or a range n-m, optionally with /step";
        }

        foreach (var n in (ReadOnlySpan<int>)[low, high])
        {
            if (n < bounds.Min || n > bounds.Max)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{n} is outside {bounds.Min}-{bounds.Max}");
            }
        }

        return low <= high ? null : string.Create(CultureInfo.InvariantCulture, $"range {low}-{high} runs backwards");
    }

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string FieldQuote(string s) => "\"" + s + "\"";

    private readonly record struct CronField(string Name, int Min, int Max);
}

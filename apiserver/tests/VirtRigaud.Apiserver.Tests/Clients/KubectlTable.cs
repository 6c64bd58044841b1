using System.Text.RegularExpressions;

namespace VirtRigaud.Apiserver.Tests.Clients;

/// <summary>
/// kubectl's human-readable table output, parsed by column position: kubectl aligns every cell under the start of its
/// header, so empty cells stay empty instead of shifting the row.
/// </summary>
public sealed partial class KubectlTable
{
    private KubectlTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Headers = headers;
        Rows = rows;
    }

    /// <summary>The column headers in order (<c>NAME</c>, <c>PHASE</c>, …).</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The rows, each cell by header.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    /// <summary>Parses kubectl output whose first line is the header line; blank lines are ignored.</summary>
    public static KubectlTable Parse(string output)
    {
        var lines = output.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(lines);

        // Headers are separated by at least two spaces ("CONNECTED VMS" is one header with one space inside).
        var starts = ColumnStart().Matches(lines[0]).Select(m => (Name: m.Value, m.Index)).ToList();
        var rows = lines.Skip(1).Select(line => (IReadOnlyDictionary<string, string>)starts.Select((column, i) =>
        {
            var end = i + 1 < starts.Count ? starts[i + 1].Index : int.MaxValue;
            var cell = column.Index >= line.Length ? "" : line[column.Index..Math.Min(end, line.Length)];
            return (column.Name, Cell: cell.Trim());
        }).ToDictionary(c => c.Name, c => c.Cell, StringComparer.Ordinal)).ToList();
        return new KubectlTable(starts.Select(s => s.Name).ToList(), rows);
    }

    /// <summary>The row whose <c>NAME</c> cell is <paramref name="name"/> (fails if there is none).</summary>
    public IReadOnlyDictionary<string, string> Row(string name) =>
        Rows.SingleOrDefault(r => r["NAME"] == name) ?? throw new Xunit.Sdk.XunitException($"no row named {name} among: {string.Join(", ", Rows.Select(r => r["NAME"]))}");

    [GeneratedRegex(@"\S+( \S+)*")]
    private static partial Regex ColumnStart();
}

using System.Globalization;
using System.Text;

namespace VirtRigaud.Apiserver.Security;

/// <summary>
/// kube-apiserver's <c>--token-auth-file</c>: a CSV file with at least three columns, <c>token,user,uid</c>, and an
/// optional fourth, the groups as one comma-separated (quoted) field: <c>31ada4fd-adec,alice,1001,"dev,ops"</c>.
/// Empty lines are skipped. An empty token or a repeated one is an error here (kube-apiserver only warns), since a
/// silently ignored line in a credentials file hides a mistake.
/// </summary>
internal sealed class StaticTokenFile
{
    private readonly Dictionary<string, UserInfo> _users;

    private StaticTokenFile(Dictionary<string, UserInfo> users)
    {
        _users = users;
    }

    /// <summary>A token file without tokens: every bearer token is refused.</summary>
    public static StaticTokenFile Empty { get; } = new(new Dictionary<string, UserInfo>(StringComparer.Ordinal));

    /// <summary>How many tokens the file defines.</summary>
    public int Count => _users.Count;

    /// <summary>Reads and parses the file.</summary>
    /// <exception cref="FormatException">A line is malformed; the message names the file and line.</exception>
    public static StaticTokenFile Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses the CSV text; <paramref name="source"/> names it in errors.</summary>
    public static StaticTokenFile Parse(string text, string source)
    {
        var users = new Dictionary<string, UserInfo>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var record in ReadRecords(text, source))
        {
            lineNumber = record.Line;
            var fields = record.Fields;
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count < 3)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"token file {source} line {lineNumber}: must have at least 3 columns (token, user name, user uid), found {fields.Count}"));
            }

            if (fields[0].Length == 0 || fields[1].Length == 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"token file {source} line {lineNumber}: the token and the user name must not be empty"));
            }

            var groups = fields.Count >= 4
                ? fields[3].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [];
            var user = UserInfo.Create(fields[1], groups) with { Uid = fields[2] };
            if (!users.TryAdd(fields[0], user))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"token file {source} line {lineNumber}: duplicate token"));
            }
        }

        return new StaticTokenFile(users);
    }

    /// <summary>The user a token belongs to, or null.</summary>
    public UserInfo? Find(string token) => _users.GetValueOrDefault(token);

    /// <summary>RFC 4180 records (quoted fields may hold commas, doubled quotes and line breaks), with the line each starts on.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> ReadRecords(string text, string source)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (recordLine, fields);
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }

            i++;
        }

        if (quoted)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"token file {source} line {recordLine}: unterminated quoted field"));
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields);
        }
    }
}

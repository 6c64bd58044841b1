namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>
/// The quick start of README.md: the <c>```sh</c> blocks between <c>&lt;!-- quickstart:begin</c> and
/// <c>&lt;!-- quickstart:end --&gt;</c>, each a list of command lines (blank lines dropped; a line is passed to bash as
/// written, so its trailing <c># comment</c> is a shell comment). Pure.
/// </summary>
public static class ReadmeQuickStart
{
    /// <summary>The start marker (the rest of that comment says who reads the block).</summary>
    public const string Begin = "<!-- quickstart:begin";

    /// <summary>The end marker.</summary>
    public const string End = "<!-- quickstart:end -->";

    /// <summary>The command blocks of the quick start in <paramref name="readme"/>, in order.</summary>
    /// <exception cref="FormatException">The markers are missing, repeated or out of order, or a block is not closed.</exception>
    public static IReadOnlyList<IReadOnlyList<string>> Blocks(string readme)
    {
        var lines = readme.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var begin = lines.FindIndex(l => l.StartsWith(Begin, StringComparison.Ordinal));
        var end = lines.FindIndex(l => l.Trim() == End);
        if (begin < 0 || end < begin || lines.FindLastIndex(l => l.StartsWith(Begin, StringComparison.Ordinal)) != begin || lines.FindLastIndex(l => l.Trim() == End) != end)
        {
            throw new FormatException($"README.md needs exactly one \"{Begin} …\" followed by one \"{End}\"");
        }

        var blocks = new List<IReadOnlyList<string>>();
        List<string>? block = null;
        for (var i = begin + 1; i < end; i++)
        {
            var line = lines[i];
            if (block is null)
            {
                if (line.Trim() == "```sh")
                {
                    block = [];
                }
                else if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    throw new FormatException($"README.md line {i + 1}: quick start blocks must be ```sh blocks");
                }
            }
            else if (line.Trim() == "```")
            {
                blocks.Add(block);
                block = null;
            }
            else if (line.Trim().Length > 0)
            {
                block.Add(line);
            }
        }

        return block is null ? blocks : throw new FormatException("README.md: the last quick start block is not closed");
    }

    /// <summary>A command line without its trailing comment and surrounding blanks (the comment starts at a " #" outside quotes).</summary>
    public static string WithoutComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i].Trim();
            }
        }

        return line.Trim();
    }
}

using VirtRigaud.Provider.Libvirt.Transport;

namespace VirtRigaud.Provider.Libvirt.Tests.Transport;

/// <summary>Quoting is checked against a real POSIX shell (dash, /bin/sh): what the shell hands the program must be the original argument.</summary>
public sealed class ShellQuotingTests
{
    public static TheoryData<string> Hostile => new()
    {
        "a'b; rm -rf /",
        "$(x)",
        "`id`",
        "line1\nline2",
        "\"double\" and 'single'",
        "-rf",
        "--domain=evil",
        "*",
        "a\\b",
        "$HOME ${PATH} $((1+1))",
        "tab\there",
        "'",
        "''",
        string.Empty,
        "ünïcødé ✓",
        "a|b&c>d<e",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Join_HostileArgument_RealShellPassesItVerbatim(string argument)
    {
        var script = "printf '%s\\0' " + ShellQuoting.Join([argument, "second"]);
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", script], new Dictionary<string, string>(), null, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(argument + "\0second\0", result.StandardOutput);
    }

    [Fact]
    public void Quote_Nul_Refused()
    {
        Assert.Throws<ArgumentException>(() => ShellQuoting.Quote("a\0b"));
    }

    [Fact]
    public void Quote_SingleQuote_ClosesEscapesReopens()
    {
        Assert.Equal("'a'\\''b'", ShellQuoting.Quote("a'b"));
    }
}

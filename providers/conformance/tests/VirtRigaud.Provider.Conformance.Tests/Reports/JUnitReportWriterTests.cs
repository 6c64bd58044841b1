using System.Xml.Linq;

namespace VirtRigaud.Provider.Conformance.Tests.Reports;

public sealed class JUnitReportWriterTests
{
    private static readonly DateTimeOffset Started = new(2025, 11, 21, 16, 30, 5, 250, TimeSpan.FromHours(2));

    private static ConformanceReport Report(params ConformanceCaseResult[] results) => new()
    {
        Target = "127.0.0.1:9443",
        RunPrefix = "vrc-abc123",
        StartedAt = Started,
        Duration = TimeSpan.FromMilliseconds(12345),
        Results = results,
    };

    private static ConformanceCaseResult Result(string name, ConformanceOutcome outcome, string message = "", string? type = null, params string[] steps) => new()
    {
        Name = name,
        Outcome = outcome,
        Message = message,
        FailureType = type,
        Duration = TimeSpan.FromMilliseconds(1500),
        Steps = steps,
    };

    private static XDocument Write(ConformanceReport report)
    {
        using var stream = new MemoryStream();
        JUnitReportWriter.Write(report, stream);
        stream.Position = 0;
        return XDocument.Load(stream);
    }

    [Fact]
    public void Write_MixedOutcomes_CountsAndElementsInAntSchemaShape()
    {
        var document = Write(Report(
            Result("validate", ConformanceOutcome.Passed, steps: "Validate → ok=true"),
            Result("clone-linked", ConformanceOutcome.Skipped, "supports_linked_clones is false"),
            Result("error-codes", ConformanceOutcome.Failed, "2 wrong answer(s)", "assertion")));

        var suites = document.Root!;
        Assert.Equal("testsuites", suites.Name.LocalName);
        Assert.Equal(JUnitReportWriter.SuitesName, (string?)suites.Attribute("name"));
        var suite = Assert.Single(suites.Elements("testsuite"));
        foreach (var element in new[] { suites, suite })
        {
            Assert.Equal("3", (string?)element.Attribute("tests"));
            Assert.Equal("1", (string?)element.Attribute("failures"));
            Assert.Equal("0", (string?)element.Attribute("errors"));
            Assert.Equal("1", (string?)element.Attribute("skipped"));
            Assert.Equal("12.345", (string?)element.Attribute("time"));
        }

        Assert.Equal("127.0.0.1:9443", (string?)suite.Attribute("name"));
        Assert.Equal("2025-11-21T14:30:05", (string?)suite.Attribute("timestamp"));
        Assert.False(string.IsNullOrEmpty((string?)suite.Attribute("hostname")));
        var properties = suite.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.Equal("vrc-abc123", properties["runPrefix"]);
        Assert.Equal("127.0.0.1:9443", properties["target"]);

        // The Ant schema's order: properties, testcase*, system-out, system-err.
        Assert.Equal(
            ["properties", "testcase", "testcase", "testcase", "system-out", "system-err"],
            suite.Elements().Select(e => e.Name.LocalName).ToArray());

        var cases = suite.Elements("testcase").ToList();
        Assert.All(cases, c => Assert.Equal(JUnitReportWriter.ClassName, (string?)c.Attribute("classname")));
        Assert.All(cases, c => Assert.Equal("1.500", (string?)c.Attribute("time")));
        Assert.Equal("validate", (string?)cases[0].Attribute("name"));
        Assert.DoesNotContain(cases[0].Elements(), e => e.Name.LocalName is "failure" or "skipped");
        Assert.Equal("Validate → ok=true", cases[0].Element("system-out")!.Value);
        Assert.Equal("supports_linked_clones is false", (string?)cases[1].Element("skipped")!.Attribute("message"));
        var failure = cases[2].Element("failure")!;
        Assert.Equal("2 wrong answer(s)", (string?)failure.Attribute("message"));
        Assert.Equal("assertion", (string?)failure.Attribute("type"));
        Assert.Equal("2 wrong answer(s)", failure.Value);
    }

    [Fact]
    public void Write_ControlCharactersInProviderMessage_EscapedAndWellFormed()
    {
        var document = Write(Report(Result("validate", ConformanceOutcome.Failed, "bad\u0001byte \uD83D\uDE00 and \uD800 lone", "assertion")));

        var message = (string?)document.Descendants("failure").Single().Attribute("message");
        Assert.Equal("bad\\u0001byte \uD83D\uDE00 and \\uD800 lone", message);
    }

    [Fact]
    public void Write_NoCases_EmptySuite()
    {
        var document = Write(Report());

        var suite = document.Root!.Element("testsuite")!;
        Assert.Equal("0", (string?)suite.Attribute("tests"));
        Assert.Empty(suite.Elements("testcase"));
    }

    [Fact]
    public async Task WriteFileAsync_ExistingFile_ReplacedWithoutTemporaryLeftovers()
    {
        var directory = Directory.CreateTempSubdirectory("conformance-junit-");
        try
        {
            var path = Path.Combine(directory.FullName, "reports", "junit.xml");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, "old", CancellationToken.None);

            await JUnitReportWriter.WriteFileAsync(Report(Result("validate", ConformanceOutcome.Passed)), path, CancellationToken.None);

            var document = XDocument.Load(path);
            Assert.Equal("1", (string?)document.Root!.Attribute("tests"));
            Assert.Equal(["junit.xml"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(f => Path.GetFileName(f)).ToArray());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(ConformanceOutcome.Passed, "", "PASS validate (1500 ms)")]
    [InlineData(ConformanceOutcome.Passed, "note", "PASS validate (1500 ms): note")]
    [InlineData(ConformanceOutcome.Failed, "two\nlines", "FAIL validate (1500 ms): two\\nlines")]
    [InlineData(ConformanceOutcome.Skipped, "absent", "SKIP validate: absent")]
    public void FormatLine_Outcome_OneLine(ConformanceOutcome outcome, string message, string expected) =>
        Assert.Equal(expected, Result("validate", outcome, message).FormatLine());

    [Fact]
    public void FormatSummary_Counts_PassedFailedSkipped()
    {
        var report = Report(
            Result("a", ConformanceOutcome.Passed),
            Result("b", ConformanceOutcome.Passed),
            Result("c", ConformanceOutcome.Failed),
            Result("d", ConformanceOutcome.Skipped));

        Assert.Equal("2 passed, 1 failed, 1 skipped", report.FormatSummary());
    }
}

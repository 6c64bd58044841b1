using System.Text.Json;
using Microsoft.Extensions.Logging;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Logging;
using VirtRigaud.Provider.Sdk.Tests.Testing;

namespace VirtRigaud.Provider.Sdk.Tests.Logging;

public sealed partial class LogFormatterTests
{
    private readonly SecretRedactor _redactor = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Json_Entry_SlogFieldOrderThenAttributes()
    {
        var line = LogOnce(ProviderLogFormat.Json, logger => CallFinished(logger, "/provider.v1.Provider/Describe", 12.5, 3));

        Assert.Equal(
            "{\"time\":\"2025-01-02T03:04:05.0000000Z\",\"level\":\"INFO\",\"msg\":\"call /provider.v1.Provider/Describe took 12.5 ms (3 tries)\","
            + "\"logger\":\"Test.Category\",\"event\":\"CallFinished\",\"Method\":\"/provider.v1.Provider/Describe\",\"ElapsedMilliseconds\":12.5,\"Tries\":3}",
            line);
    }

    [Fact]
    public void Text_Entry_LogfmtWithQuotingWhereNeeded()
    {
        var line = LogOnce(ProviderLogFormat.Text, logger => CallFinished(logger, "/a/b", 1, 0));

        Assert.Equal(
            "time=2025-01-02T03:04:05.0000000Z level=INFO msg=\"call /a/b took 1 ms (0 tries)\" logger=Test.Category event=CallFinished Method=/a/b ElapsedMilliseconds=1 Tries=0",
            line);
    }

    [Fact]
    public void Text_ValueWithQuotesAndNewlines_EscapedOnOneLine()
    {
        var line = LogOnce(ProviderLogFormat.Text, logger => Said(logger, "he said \"hi\"\nthen left"));

        Assert.Equal(
            "time=2025-01-02T03:04:05.0000000Z level=WARN msg=\"said: he said \\\"hi\\\"\\nthen left\" logger=Test.Category event=Said Text=\"he said \\\"hi\\\"\\nthen left\"",
            line);
    }

    [Theory]
    [InlineData(ProviderLogFormat.Json)]
    [InlineData(ProviderLogFormat.Text)]
    public void Entry_RegisteredSecret_MaskedInMessageAttributesAndException(ProviderLogFormat format)
    {
        _redactor.Register("Sup3r-Secret!");
        var line = LogOnce(format, logger => Failed(logger, "Sup3r-Secret!", new InvalidOperationException("login with Sup3r-Secret! refused")));

        Assert.DoesNotContain("Sup3r-Secret!", line, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", line, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_Exception_InErrorFieldAndLevelNames()
    {
        var line = LogOnce(ProviderLogFormat.Json, logger => Failed(logger, "x", new InvalidOperationException("boom")));
        using var json = JsonDocument.Parse(line);

        Assert.Equal("ERROR", json.RootElement.GetProperty("level").GetString());
        Assert.StartsWith("System.InvalidOperationException: boom", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SecretValue_AsAttribute_PrintsTheMaskEvenWhenUnregistered()
    {
        var line = LogOnce(ProviderLogFormat.Json, logger => Connecting(logger, new SecretValue("never-registered-password")));

        Assert.DoesNotContain("never-registered-password", line, StringComparison.Ordinal);
        Assert.Contains("\"Password\":\"[REDACTED]\"", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData(" warn ", LogLevel.Warning)]
    [InlineData("warning", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("", LogLevel.Information)]
    public void TryParseLevel_UpstreamNames(string text, LogLevel expected)
    {
        Assert.True(ProviderLogging.TryParseLevel(text, out var level));
        Assert.Equal(expected, level);
    }

    [Fact]
    public void TryParseLevel_Unknown_False() => Assert.False(ProviderLogging.TryParseLevel("verbose", out _));

    [Theory]
    [InlineData("json", ProviderLogFormat.Json)]
    [InlineData("JSON", ProviderLogFormat.Json)]
    [InlineData("text", ProviderLogFormat.Text)]
    [InlineData("", ProviderLogFormat.Text)]
    public void TryParseFormat_Known(string text, ProviderLogFormat expected)
    {
        Assert.True(ProviderLogging.TryParseFormat(text, out var format));
        Assert.Equal(expected, format);
    }

    [Fact]
    public void TryParseFormat_Unknown_False() => Assert.False(ProviderLogging.TryParseFormat("logfmt", out _));

    private string LogOnce(ProviderLogFormat format, Action<ILogger> log)
    {
        var output = new StringWriter();
        using (var factory = ProviderLogging.Create(LogLevel.Debug, format, _redactor, _time, output))
        {
            log(factory.CreateLogger("Test.Category"));
        }

        var line = output.ToString();
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.Single(line.TrimEnd('\n').Split('\n'));
        return line.TrimEnd('\n');
    }

    [LoggerMessage(1, LogLevel.Information, "call {Method} took {ElapsedMilliseconds} ms ({Tries} tries)")]
    private static partial void CallFinished(ILogger logger, string method, double elapsedMilliseconds, int tries);

    [LoggerMessage(2, LogLevel.Warning, "said: {Text}")]
    private static partial void Said(ILogger logger, string text);

    [LoggerMessage(3, LogLevel.Error, "failed for {Detail}")]
    private static partial void Failed(ILogger logger, string detail, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "connecting with {Password}")]
    private static partial void Connecting(ILogger logger, SecretValue password);
}

namespace VirtRigaud.Provider.Conformance.Tests.Runner;

public sealed class ConformanceRunnerOptionsTests
{
    [Fact]
    public void Validate_Defaults_Valid() => new ConformanceRunnerOptions().Validate();

    [Theory]
    [InlineData("vrc-1")]
    [InlineData("a")]
    [InlineData("conformance-run-1234")]
    public void Validate_GoodPrefix_Valid(string prefix) => new ConformanceRunnerOptions { RunPrefix = prefix }.Validate();

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("Vrc")]
    [InlineData("vrc_1")]
    [InlineData("conformance-run-12345")]
    public void Validate_BadPrefix_Throws(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => new ConformanceRunnerOptions { RunPrefix = prefix }.Validate());
        Assert.Equal(nameof(ConformanceRunnerOptions.RunPrefix), error.ParamName);
    }

    public static readonly TheoryData<ConformanceRunnerOptions, string> BadOptions = new()
    {
        { new ConformanceRunnerOptions { TaskTimeout = TimeSpan.Zero }, nameof(ConformanceRunnerOptions.TaskTimeout) },
        { new ConformanceRunnerOptions { StateTimeout = TimeSpan.FromSeconds(-1) }, nameof(ConformanceRunnerOptions.StateTimeout) },
        { new ConformanceRunnerOptions { CaseTimeout = TimeSpan.Zero }, nameof(ConformanceRunnerOptions.CaseTimeout) },
        { new ConformanceRunnerOptions { CleanupTimeout = TimeSpan.Zero }, nameof(ConformanceRunnerOptions.CleanupTimeout) },
        { new ConformanceRunnerOptions { InitialPollInterval = TimeSpan.Zero }, nameof(ConformanceRunnerOptions.InitialPollInterval) },
        { new ConformanceRunnerOptions { ConsoleTimeout = TimeSpan.Zero }, nameof(ConformanceRunnerOptions.ConsoleTimeout) },
        { new ConformanceRunnerOptions { InitialPollInterval = TimeSpan.FromSeconds(5), MaxPollInterval = TimeSpan.FromSeconds(1) }, nameof(ConformanceRunnerOptions.MaxPollInterval) },
        { new ConformanceRunnerOptions { GracefulTimeoutSeconds = 0 }, nameof(ConformanceRunnerOptions.GracefulTimeoutSeconds) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_OutOfRange_ThrowsNamingTheOption(ConformanceRunnerOptions options, string name)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(name, error.ParamName);
    }
}

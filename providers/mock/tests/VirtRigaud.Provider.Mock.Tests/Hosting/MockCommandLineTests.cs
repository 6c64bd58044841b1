using VirtRigaud.Provider.Mock.Hosting;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Mock.Tests.Hosting;

public sealed class MockCommandLineTests
{
    [Fact]
    public void Parse_MockFlags_AreReadAndTheRestIsLeftForTheSdk()
    {
        var result = MockCommandLine.Parse(
            ["--port", "9443", "--state-file", "/var/lib/mock/state.json", "--task-duration", "1m30s", "--task-durations", "Power=5s,ExportDisk=500ms",
             "--disable-capabilities", "snapshots, linked-clones", "--templates", "ubuntu,centos", "--health-port", "8080", "--max-vms", "12",
             "--faults", """{"down": true}""", "--faults-file", "/etc/mock/faults.json", "--faults-reload-interval", "10s", "--guest-shutdown-duration", "3s"],
            ProviderEnvironment.Empty);

        Assert.Empty(result.Errors);
        Assert.Equal(["--port", "9443", "--health-port", "8080"], result.RemainingArgs);
        var s = result.Settings;
        Assert.Equal(("/var/lib/mock/state.json", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(3), 12), (s.StateFile, s.TaskDuration, s.GuestShutdownDuration, s.MaxVms));
        Assert.Equal(TimeSpan.FromSeconds(5), s.OperationDurations["Power"]);
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.OperationDurations["ExportDisk"]);
        Assert.Equal(["snapshots", "linked-clones"], s.DisabledCapabilities);
        Assert.Equal(["ubuntu", "centos"], s.Templates);
        Assert.True(s.Faults!.Down);
        Assert.Equal(("/etc/mock/faults.json", TimeSpan.FromSeconds(10)), (s.FaultsFile, s.FaultsReloadInterval));
        Assert.False(s.ToHypervisorOptions().Capabilities.Snapshots);
        Assert.Null(result.HelpCommand);
    }

    [Fact]
    public void Parse_Environment_IsUsedUnlessAFlagIsGiven()
    {
        var environment = new ProviderEnvironment(new Dictionary<string, string>
        {
            ["VIRTRIGAUD_MOCK_DATA_DIR"] = "/data/env",
            ["VIRTRIGAUD_MOCK_TASK_DURATION"] = "2s",
            ["VIRTRIGAUD_MOCK_TEMPLATES"] = "from-env",
        });

        var result = MockCommandLine.Parse(["--templates", "from-flag"], environment);

        Assert.Empty(result.Errors);
        Assert.Equal(("/data/env", TimeSpan.FromSeconds(2)), (result.Settings.DataDirectory, result.Settings.TaskDuration));
        Assert.Equal(["from-flag"], result.Settings.Templates);
    }

    [Fact]
    public void Parse_Defaults_AreSynchronousAndInMemory()
    {
        var result = MockCommandLine.Parse([], ProviderEnvironment.Empty);

        Assert.Empty(result.Errors);
        Assert.Equal((MockProviderSettings.DefaultDataDirectory, null, TimeSpan.Zero), (result.Settings.DataDirectory, result.Settings.StateFile, result.Settings.TaskDuration));
    }

    [Theory]
    [InlineData("--task-duration", "soon", "--task-duration")]
    [InlineData("--task-duration", "-1s", "negative")]
    [InlineData("--task-durations", "Teleport=1s", "unknown operation")]
    [InlineData("--task-durations", "Power", "Operation=duration")]
    [InlineData("--disable-capabilities", "snapshots,time-travel", "time-travel")]
    [InlineData("--max-vms", "0", "--max-vms")]
    [InlineData("--faults", "{\"rpcs\":{\"Nope\":{}}}", "unknown RPC")]
    [InlineData("--faults-reload-interval", "0s", "positive")]
    [InlineData("--migration-storage-root", "relative/path", "absolute")]
    public void Parse_BadValue_IsAnError(string flag, string value, string why)
    {
        var result = MockCommandLine.Parse([flag, value], ProviderEnvironment.Empty);

        Assert.Contains(result.Errors, e => e.Contains(why, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Help_ReturnsTheMockCommand()
    {
        var result = MockCommandLine.Parse(["--help"], ProviderEnvironment.Empty);

        Assert.NotNull(result.HelpCommand);
    }
}

using VirtRigaud.E2E.Tests.Testing;

namespace VirtRigaud.E2E.Tests.AllInOne;

/// <summary>
/// <c>make run</c> as a process supervisor: Ctrl+C stops the manager (and its provider processes) and the API server
/// cleanly, a second <c>make run</c> continues with everything kept, and when either process dies the other is stopped
/// and the run ends with a message naming the one that died.
/// </summary>
public sealed class MakeRunTests
{
    private const string Ns = "default";

    [Fact]
    public async Task MakeRun_CtrlCThenRunAgain_StopsEverythingAndKeepsObjectsAndVms()
    {
        await using var system = new AllInOneSystem(SystemSettings.Create());
        var kubectl = system.Kubectl;
        var mock = system.Settings.MockProvider(Ns, "mock");
        await system.StartAsync();
        Assert.Contains(system.Run.Lines, l => l.StartsWith("run: created Provider default/mock", StringComparison.Ordinal));
        await kubectl.OkAsync("apply", "-f", "examples/quickstart.yaml");
        await kubectl.WaitAsync("vm", "quickstart", Ns, "jsonpath={.status.phase}=Running");
        var provider = await kubectl.GetAsync("provider", "mock", Ns);
        var vm = await kubectl.GetAsync("vm", "quickstart", Ns);
        var vmId = (string?)vm?["status"]?["id"];

        Assert.True(await system.StopAsync(), system.Diagnostics());
        Assert.Empty(Signals.ProcessesMentioning(system.Settings.DataDirectory));

        await system.StartAsync();
        Assert.Contains(system.Run.Lines, l => l == "run: Provider default/mock exists; left as it is");
        Assert.Equal((string?)provider?["metadata"]?["uid"], (string?)(await kubectl.GetAsync("provider", "mock", Ns))?["metadata"]?["uid"]);
        var again = await kubectl.GetAsync("vm", "quickstart", Ns);
        Assert.Equal((string?)vm?["metadata"]?["uid"], (string?)again?["metadata"]?["uid"]);
        Assert.Equal(vmId, (string?)again?["status"]?["id"]);
        var onMock = Assert.Single(mock.VmsNamed("quickstart"));
        Assert.Equal(vmId, onMock.Id);
        Assert.Equal("On", onMock.Power);

        // The restarted system acts on changes: the VM is powered off on the mock.
        await kubectl.OkAsync("patch", "vm", "quickstart", "-n", Ns, "--type=merge", "-p", """{"spec":{"powerState":"Off"}}""");
        await kubectl.WaitAsync("vm", "quickstart", Ns, "jsonpath={.status.powerState}=Off");
        Assert.Equal("Off", Assert.Single(mock.VmsNamed("quickstart")).Power);
        Assert.True(await system.StopAsync(), system.Diagnostics());
    }

    [Theory]
    [InlineData("virtrigaud-manager", "virtrigaud-apiserver")]
    [InlineData("virtrigaud-apiserver", "virtrigaud-manager")]
    public async Task MakeRun_OneProcessDies_StopsTheOtherAndSaysWhichDied(string dies, string survivor)
    {
        await using var system = new AllInOneSystem(SystemSettings.Create());
        await system.StartAsync();
        var pids = new Dictionary<string, int> { ["virtrigaud-manager"] = system.ManagerPid, ["virtrigaud-apiserver"] = system.ApiServerPid };

        await Signals.SendAsync("KILL", pids[dies]);

        var exitCode = await system.Run.WaitForExitAsync(AllInOneSystem.StopTimeout);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(system.Run.Lines, l => l == $"run: {dies} exited unexpectedly with code 137 (its output is above); stopping {survivor}");
        Assert.False(Signals.IsAlive(pids[survivor]), $"{survivor} still runs\n{system.Diagnostics()}");
        Assert.Empty(Signals.ProcessesMentioning(system.Settings.DataDirectory));
    }
}

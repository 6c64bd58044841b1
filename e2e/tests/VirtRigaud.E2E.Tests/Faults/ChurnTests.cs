using System.Globalization;
using VirtRigaud.E2E.Tests.Testing;

namespace VirtRigaud.E2E.Tests.Faults;

/// <summary>
/// Many VMs through their whole life on a flaky hypervisor (random UNAVAILABLE answers and latency on every RPC): all
/// reach Running, all power off, all are deleted, and the hypervisor ends empty — no VM lost, none duplicated, no
/// finalizer left behind. <c>make test</c> runs it with a few VMs; <c>make e2e</c> soaks it with
/// <c>E2E_CHURN_VMS</c> (100 by default there).
/// </summary>
public sealed class ChurnTests
{
    private const string Ns = "e2e-churn";

    // Waits grow with the number of VMs: the manager works through them with its default workers.
    private static readonly TimeSpan PerVm = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Churn_ManyVmsOnAFlakyProvider_AllConvergeAndTheHypervisorEndsEmpty()
    {
        var count = Environment.GetEnvironmentVariable("E2E_CHURN_VMS") is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : 6;
        var timeout = Kubectl.DefaultWait + (PerVm * count);
        await using var system = new AllInOneSystem(SystemSettings.Create());
        await system.StartAsync();
        var scenario = await MockProviderScenario.CreateAsync(system.Settings, system.Kubectl, Ns,
            """{"seed":11,"rpcs":{"*":{"errorRate":0.2,"code":"UNAVAILABLE","latencyMs":20}}}""",
            new Dictionary<string, string> { ["VIRTRIGAUD_MOCK_TASK_DURATION"] = "500ms" });
        var names = Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"vm-{i:D3}")).ToList();

        await system.Kubectl.ApplyAsync(string.Join("---\n", names.Select(n => scenario.VmYaml(n))));
        foreach (var name in names)
        {
            await scenario.WaitVmPhaseAsync(name, "Running", timeout);
        }

        Assert.Equal(names, scenario.Mock.Vms().Select(vm => vm.Name).Order(StringComparer.Ordinal));
        Assert.All(scenario.Mock.Vms(), vm => Assert.Equal("On", vm.Power));

        await system.Kubectl.ApplyAsync(string.Join("---\n", names.Select(n => scenario.VmYaml(n, "Off"))));
        foreach (var name in names)
        {
            await system.Kubectl.WaitAsync("vm", name, Ns, "jsonpath={.status.powerState}=Off", timeout);
        }

        Assert.All(scenario.Mock.Vms(), vm => Assert.Equal("Off", vm.Power));

        await system.Kubectl.OkAsync("delete", "vm", "--all", "-n", Ns, "--timeout=" + ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s");
        Assert.Equal("", (await system.Kubectl.OkAsync("get", "vm", "-n", Ns, "-o", "name")).Trim());
        Assert.Empty(scenario.Mock.Vms());
        Assert.True(await system.StopAsync(), system.Diagnostics());
    }
}

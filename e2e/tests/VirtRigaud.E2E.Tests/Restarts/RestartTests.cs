using System.Text.Json.Nodes;
using VirtRigaud.E2E.Tests.Testing;

namespace VirtRigaud.E2E.Tests.Restarts;

/// <summary>
/// Restarts of one process while the other keeps running (the split form of the all-in-one): the manager killed in
/// the middle of a create finishes it after its restart without a second VM on the hypervisor; after an API server
/// restart the manager's informers resume and later changes are reconciled.
/// </summary>
public sealed class RestartTests(SplitSystemFixture fixture) : IClassFixture<SplitSystemFixture>
{
    private SplitSystem System => fixture.System;

    [Fact]
    public async Task ManagerKilledDuringCreate_RestartedManagerFinishesWithoutDuplicateVm()
    {
        // Creates take 10 s on the hypervisor, so the manager dies while the Create task runs.
        var scenario = await MockProviderScenario.CreateAsync(System.Settings, System.Kubectl, "e2e-manager-restart",
            mockEnvironment: new Dictionary<string, string> { ["VIRTRIGAUD_MOCK_TASK_DURATIONS"] = "Create=10s" });
        await scenario.CreateVmAsync("vm1");
        await WaitUntilAsync(() => scenario.Mock.VmsNamed("vm1").Count > 0, "the Create on the mock");

        await System.KillManagerAsync();
        await System.StartManagerAsync();

        await scenario.WaitVmPhaseAsync("vm1", "Running");
        var vm = await System.Kubectl.GetAsync("vm", "vm1", scenario.Namespace);
        var onMock = Assert.Single(scenario.Mock.VmsNamed("vm1"));
        Assert.Equal(onMock.Id, (string?)vm?["status"]?["id"]);
        Assert.Equal("On", onMock.Power);
    }

    [Fact]
    public async Task ApiServerRestarted_ManagerResumesAndReconcilesLaterChanges()
    {
        var scenario = await MockProviderScenario.CreateAsync(System.Settings, System.Kubectl, "e2e-apiserver-restart");
        await scenario.CreateVmAsync("vm1");
        await scenario.WaitVmPhaseAsync("vm1", "Running");

        Assert.Equal(0, await System.StopApiServerAsync());
        await System.StartApiServerAsync();

        // A power request through the subresource, and a new VM: both made after the restart, both reconciled.
        var answer = await System.Kubectl.RunWithInputAsync(
            """{"action":"Off"}""",
            "create", "--raw", $"/apis/infra.virtrigaud.io/v1beta1/namespaces/{scenario.Namespace}/virtualmachines/vm1/power", "-f", "-");
        Assert.True(answer.ExitCode == 0, answer.ToString());
        Assert.Equal("Off", (string?)JsonNode.Parse(answer.StandardOutput)?["spec"]?["powerState"]);
        await scenario.CreateVmAsync("vm2");

        await System.Kubectl.WaitAsync("vm", "vm1", scenario.Namespace, "jsonpath={.status.powerState}=Off");
        await scenario.WaitVmPhaseAsync("vm2", "Running");
        Assert.Equal("Off", Assert.Single(scenario.Mock.VmsNamed("vm1")).Power);
        Assert.Single(scenario.Mock.VmsNamed("vm2"));
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Kubectl.DefaultWait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}\n{System.Diagnostics()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}

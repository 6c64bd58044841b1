using System.Text.Json.Nodes;
using VirtRigaud.E2E.Tests.Testing;

namespace VirtRigaud.E2E.Tests.Faults;

/// <summary>
/// The whole system against a misbehaving hypervisor: the mock provider's failure injection (providers/mock README,
/// "Failure injection") — errors from Create, failed tasks, slow tasks and RPCs, the provider going down — with one
/// <c>make run</c> shared by the class and a namespace and Local mock Provider per test. Every case checks both what the
/// API reports and what the hypervisor holds (never a duplicate VM).
/// </summary>
public sealed class FaultInjectionTests(AllInOneFixture fixture) : IClassFixture<AllInOneFixture>
{
    private AllInOneSystem System => fixture.System;

    [Fact]
    public async Task Create_TransientErrors_ReportedThenRetriedToOneRunningVm()
    {
        var scenario = await MockProviderScenario.CreateAsync(System.Settings, System.Kubectl, "e2e-create-transient",
            """{"rpcs":{"Create":{"failTimes":2,"code":"INTERNAL","message":"injected: datastore busy"}}}""");

        await scenario.CreateVmAsync("vm1");

        await scenario.WaitVmAsync("vm1", vm => AnyConditionMentions(vm, "datastore busy"), "a condition naming the injected Create error");
        await scenario.WaitVmPhaseAsync("vm1", "Running");
        var vm = await System.Kubectl.GetAsync("vm", "vm1", scenario.Namespace);
        Assert.Equal(Assert.Single(scenario.Mock.VmsNamed("vm1")).Id, (string?)vm?["status"]?["id"]);
        Assert.Contains("datastore busy", await WarningEventsAsync(scenario.Namespace, "vm1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PermanentInvalidArgument_ReportedWithoutCreatingAnything()
    {
        var scenario = await MockProviderScenario.CreateAsync(System.Settings, System.Kubectl, "e2e-create-invalid",
            """{"rpcs":{"Create":{"failAlways":true,"code":"INVALID_ARGUMENT","message":"injected: disk layout refused"}}}""");

        await scenario.CreateVmAsync("vm1");

        var vm = await scenario.WaitVmAsync("vm1", v => Conditions.Status(v, "Ready") == "False" && AnyConditionMentions(v, "disk layout refused"), "Ready=False naming the injected error");
        Assert.NotEqual("Running", (string?)vm["status"]?["phase"]);
        Assert.False(string.IsNullOrEmpty((string?)vm["status"]?["phase"]), "status.phase is always set");
        Assert.Empty(scenario.Mock.VmsNamed("vm1"));
    }

    [Fact]
    public async Task CreateTask_FailsOnce_RecordedThenRetriedToOneRunningVm()
    {
        var scenario = await MockProviderScenario.CreateAsync(System.Settings, System.Kubectl, "e2e-task-failure",
            """{"tasks":{"Create":{"failTimes":1,"message":"injected: host lost power"}}}""",
            new Dictionary<string, string> { ["VIRTRIGAUD_MOCK_TASK_DURATION"] = "1s" });

        await scenario.CreateVmAsync("vm1");

        // The failure is recorded (condition and event) and superseded by the retry within a second or two, so the
        // event is what is checked; the failed task left nothing behind on the mock.
        await scenario.WaitVmPhaseAsync("vm1", "Running");
        Assert.Single(scenario.Mock.VmsNamed("vm1"));
        Assert.Contains("host lost power", await WarningEventsAsync(scenario.Namespace, "vm1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowTasksAndRpcs_VmShowsTheTaskInProgressThenRuns()
    {
        var scenario = await MockProviderScenario.CreateAsync(System.Settings, System.Kubectl, "e2e-slow",
            """{"rpcs":{"*":{"latencyMs":300}}}""",
            new Dictionary<string, string> { ["VIRTRIGAUD_MOCK_TASK_DURATIONS"] = "Create=8s" });

        await scenario.CreateVmAsync("vm1");

        var provisioning = await scenario.WaitVmAsync(
            "vm1",
            vm => Conditions.Status(vm, "Provisioning") == "True" && !string.IsNullOrEmpty((string?)vm["status"]?["lastTaskRef"]),
            "Provisioning=True with the Create task in status.lastTaskRef");
        Assert.Equal("Provisioning", (string?)provisioning["status"]?["phase"]);
        await scenario.WaitVmPhaseAsync("vm1", "Running");
        var vm = await System.Kubectl.GetAsync("vm", "vm1", scenario.Namespace);
        Assert.Equal("False", Conditions.Status(vm, "Provisioning"));
        Assert.Single(scenario.Mock.VmsNamed("vm1"));
    }

    [Fact]
    public async Task ProviderDown_CircuitOpensConditionsSaySoThenItRecoversAndCatchesUp()
    {
        // A Provider name of its own: the breaker gauge is labelled by Provider name only (upstream's labels). Health
        // checks every second, so the breaker's 10 failures (upstream's threshold) come within seconds.
        var scenario = await MockProviderScenario.CreateAsync(
            System.Settings, System.Kubectl, "e2e-provider-down", providerName: "mock-down", healthCheckInterval: "1s");
        await scenario.CreateVmAsync("vm1");
        await scenario.WaitVmPhaseAsync("vm1", "Running");
        var breaker = new[] { "provider_type=\"mock\"", $"provider=\"{scenario.ProviderName}\"" };
        await WaitMetricAsync("virtrigaud_circuit_breaker_state", breaker, v => v == 0, "the circuit closed (0) at first");

        // Every RPC, Validate included, fails UNAVAILABLE: what a provider whose hypervisor connection broke answers.
        await scenario.SetFaultsAsync("""{"rpcs":{"*":{"failAlways":true,"code":"UNAVAILABLE","message":"injected: hypervisor down"}}}""");

        await WaitMetricAsync("virtrigaud_circuit_breaker_state", breaker, v => v == 2, "the circuit opened (2)");
        var down = await scenario.WaitProviderAvailableAsync("False");
        Assert.NotEqual(true, (bool?)down["status"]?["healthy"]);
        var open = await System.Kubectl.WaitForAsync(
            "provider",
            scenario.ProviderName,
            scenario.Namespace,
            p => Conditions.Reason(p, "ProviderAvailable") == "CircuitOpen",
            "ProviderAvailable=False with reason CircuitOpen");
        Assert.Contains("circuit breaker open", Conditions.Message(open, "ProviderAvailable"), StringComparison.Ordinal);

        // A change made while the provider is down waits, and the VM says why.
        await System.Kubectl.OkAsync("patch", "vm", "vm1", "-n", scenario.Namespace, "--type=merge", "-p", """{"spec":{"powerState":"Off"}}""");
        await scenario.WaitVmAsync("vm1", vm => Conditions.Status(vm, "Ready") == "False", "Ready=False while the provider is down");
        Assert.Equal("On", Assert.Single(scenario.Mock.VmsNamed("vm1")).Power);

        await scenario.SetFaultsAsync("{}");

        // The manager's breaker probes again after 5 s (AllInOneFixture.ManagerArgs), closes after 3 good probes.
        await WaitMetricAsync("virtrigaud_circuit_breaker_state", breaker, v => v == 0, "the circuit closed (0) again");
        await scenario.WaitProviderAvailableAsync("True");
        await System.Kubectl.WaitAsync("vm", "vm1", scenario.Namespace, "jsonpath={.status.powerState}=Off");
        Assert.Equal("Off", Assert.Single(scenario.Mock.VmsNamed("vm1")).Power);
    }

    private static bool AnyConditionMentions(JsonNode vm, string text) =>
        vm["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => ((string?)c?["message"])?.Contains(text, StringComparison.Ordinal) == true);

    private async Task<string> WarningEventsAsync(string @namespace, string name) =>
        await System.Kubectl.OkAsync("get", "events", "-n", @namespace, "--field-selector", $"involvedObject.name={name},type=Warning", "-o", "json");

    private async Task WaitMetricAsync(string family, string[] labels, Func<double, bool> predicate, string what)
    {
        var deadline = DateTime.UtcNow + Kubectl.DefaultWait;
        var exposition = "";
        while (DateTime.UtcNow < deadline)
        {
            exposition = await ManagerMetrics.ScrapeAsync(System.Settings);
            if (PrometheusText.Samples(exposition, family, labels) is [var value] && predicate(value))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        var samples = string.Join('\n', exposition.Split('\n').Where(l => l.StartsWith(family, StringComparison.Ordinal)));
        Assert.Fail($"timed out waiting for {family}{{{string.Join(',', labels)}}}: {what}\n{samples}\n{System.Diagnostics()}");
    }
}

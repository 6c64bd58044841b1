using System.Net;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Controllers.Tests.Testing;

namespace VirtRigaud.Controllers.Tests.Runtime;

public sealed class ControllerManagerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task RunAsync_ObjectCreatedAndChanged_ReconciledEachTime()
    {
        var ns = fixture.NewNamespace("created");
        var reconciler = new RecordingReconciler();
        await using var run = await RunningManager.StartAsync(fixture, m => m.NewController(ResourceDefinitions.VMClasses).Complete(reconciler));
        var key = new ObjectKey(ns, "small");

        var created = await fixture.Client.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "small"));
        await Wait.UntilAsync(() => reconciler.CountFor(key) >= 1, "the create to be reconciled");

        var before = reconciler.CountFor(key);
        await fixture.Client.VMClasses(ns).UpdateAsync(created with { Spec = created.Spec with { Cpu = 4 } });
        await Wait.UntilAsync(() => reconciler.CountFor(key) > before, "the update to be reconciled");
    }

    [Fact]
    public async Task RunAsync_ReconcileThrows_RetriedUntilSuccessAndCountedAsError()
    {
        var ns = fixture.NewNamespace("retry");
        var reconciler = new RecordingReconciler
        {
            Behaviour = (_, previous) => previous < 2 ? throw new InvalidOperationException("provider unreachable") : ReconcileResult.Done,
        };
        await using var run = await RunningManager.StartAsync(fixture, m => m.NewController(ResourceDefinitions.VMClasses).Complete(reconciler));

        await fixture.Client.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "flaky"));

        var key = new ObjectKey(ns, "flaky");
        await Wait.UntilAsync(() => reconciler.CountFor(key) >= 3, "two failed attempts and a successful one");
        var metrics = run.Http.CollectMetrics();
        Assert.Contains("virtrigaud_manager_reconcile_total{kind=\"VMClass\",outcome=\"error\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("virtrigaud_manager_reconcile_total{kind=\"VMClass\",outcome=\"success\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("workqueue_retries_total{name=\"VMClass\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TerminalError_NotRetried()
    {
        var ns = fixture.NewNamespace("terminal");
        var terminalKey = new ObjectKey(ns, "bad");
        var reconciler = new RecordingReconciler
        {
            Behaviour = (key, _) => key == terminalKey ? throw new TerminalReconcileException("spec is invalid") : ReconcileResult.Done,
        };
        await using var run = await RunningManager.StartAsync(fixture, m => m.NewController(ResourceDefinitions.VMClasses).Complete(reconciler));

        await fixture.Client.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "bad"));
        await Wait.UntilAsync(() => reconciler.CountFor(terminalKey) == 1, "the terminal reconcile");

        // A later object is reconciled after it; a retry of the terminal key (5 ms back-off) would have happened by then.
        await fixture.Client.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "good"));
        await Wait.UntilAsync(() => reconciler.CountFor(new ObjectKey(ns, "good")) == 1, "the later object");
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, reconciler.CountFor(terminalKey));
    }

    [Fact]
    public async Task RunAsync_RequeueAfter_ReconciledAgainWhenDue()
    {
        var ns = fixture.NewNamespace("requeue");
        var reconciler = new RecordingReconciler
        {
            Behaviour = (_, previous) => previous == 0 ? ReconcileResult.After(TimeSpan.FromMilliseconds(50)) : ReconcileResult.Done,
        };
        await using var run = await RunningManager.StartAsync(fixture, m => m.NewController(ResourceDefinitions.VMClasses).Complete(reconciler));

        await fixture.Client.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "poll"));

        await Wait.UntilAsync(() => reconciler.CountFor(new ObjectKey(ns, "poll")) >= 2, "the requeued reconcile");
        Assert.Contains("virtrigaud_manager_reconcile_total{kind=\"VMClass\",outcome=\"requeue\"}", run.Http.CollectMetrics(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owns_OwnedObjectChanges_OwnerReconciled()
    {
        var ns = fixture.NewNamespace("owns");
        var reconciler = new RecordingReconciler();
        await using var run = await RunningManager.StartAsync(fixture, m => m.NewController(ResourceDefinitions.VMClasses).Owns(ResourceDefinitions.ConfigMaps).Complete(reconciler));
        var owner = await fixture.Client.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "owner"));
        var key = ObjectKey.Of(owner);
        await Wait.UntilAsync(() => reconciler.CountFor(key) >= 1, "the owner's first reconcile");
        var before = reconciler.CountFor(key);

        await fixture.Client.Core.ConfigMaps(ns).CreateAsync(new ConfigMap
        {
            Metadata = new ObjectMeta
            {
                Namespace = ns,
                Name = "child",
                OwnerReferences = [new OwnerReference { ApiVersion = owner.ApiVersion!, Kind = owner.Kind!, Name = owner.Metadata.Name!, Uid = owner.Metadata.Uid!, Controller = true }],
            },
            Data = new Dictionary<string, string> { ["a"] = "b" },
        });

        await Wait.UntilAsync(() => reconciler.CountFor(key) > before, "the owner to be reconciled for its child");
    }

    [Fact]
    public async Task HttpServer_BeforeAndAfterSync_ProbesAndMetricsAnswer()
    {
        var reconciler = new RecordingReconciler();
        await using var run = await RunningManager.StartAsync(fixture, m => m.NewController(ResourceDefinitions.VMClasses).Complete(reconciler));
        using var http = new HttpClient();

        await Wait.UntilAsync(() => run.Manager.IsReady, "the caches to sync");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(run.Http.HealthAddress, "/readyz"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(run.Http.HealthAddress, "/healthz"))).StatusCode);
        var metrics = await http.GetAsync(new Uri(run.Http.MetricsAddress!, "/metrics"));
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType?.ToString());
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("virtrigaud_build_info{component=\"manager\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("virtrigaud_queue_depth", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_WorkersFromOptions_OverrideBuilderDefault()
    {
        await using var manager = new ControllerManager(fixture.Client, new ControllerManagerOptions { Workers = new Dictionary<string, int> { ["VMClass"] = 7 } });

        var controller = manager.NewController(ResourceDefinitions.VMClasses).WithWorkers(2).Complete(new RecordingReconciler());

        Assert.Equal(7, controller.Workers);
    }

    [Fact]
    public async Task NewController_SameNameTwice_Throws()
    {
        await using var manager = new ControllerManager(fixture.Client, new ControllerManagerOptions());
        manager.NewController(ResourceDefinitions.VMClasses).Complete(new RecordingReconciler());

        Assert.Throws<InvalidOperationException>(() => manager.NewController(ResourceDefinitions.VMClasses).Complete(new RecordingReconciler()));
    }

    [Theory]
    [InlineData(":8080", "0.0.0.0", 8080)]
    [InlineData("127.0.0.1:9090", "127.0.0.1", 9090)]
    [InlineData("[::1]:8081", "::1", 8081)]
    [InlineData("localhost:0", "127.0.0.1", 0)]
    public void ParseBindAddress_GoForms_Parsed(string text, string host, int port)
    {
        var endpoint = ManagerHttpServerOptions.ParseBindAddress(text);

        Assert.Equal(IPAddress.Parse(host), endpoint!.Address);
        Assert.Equal(port, endpoint.Port);
    }

    [Fact]
    public void ParseBindAddress_Zero_Off() => Assert.Null(ManagerHttpServerOptions.ParseBindAddress("0"));

    [Theory]
    [InlineData("8080")]
    [InlineData("host:80")]
    [InlineData(":99999")]
    public void ParseBindAddress_Invalid_Throws(string text) => Assert.Throws<FormatException>(() => ManagerHttpServerOptions.ParseBindAddress(text));
}

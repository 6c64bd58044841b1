using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VirtRigaud.E2E.Tests.Testing;

namespace VirtRigaud.E2E.Tests.QuickStart;

/// <summary>
/// README.md's quick start, run as written: its first block (<c>make run</c>, and <c>make test</c>, which is this suite
/// and is not run from inside it) starts the real system, every line of the
/// second block runs in bash with the real kubectl in a second "terminal", watches end with Ctrl+C once they show what
/// the README says they will, and after each step the outcome is checked — through the API and on the mock
/// hypervisor itself (its state file). A README line this test does not know fails it: change both together.
/// </summary>
public sealed partial class ReadmeQuickStartTests
{
    private const string Ns = "default";

    // A phase is reached well within this on a loaded machine (mock tasks take 2 s each).
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public void ReadmeQuickStart_Blocks_AreMakeRunThenKnownCommands()
    {
        var blocks = ReadmeQuickStart.Blocks(File.ReadAllText(RepositoryPaths.Readme));

        Assert.Equal(2, blocks.Count);
        Assert.Equal(["make run", "make test"], blocks[0].Select(ReadmeQuickStart.WithoutComment));
        Assert.Equal(Steps.Keys.Order(StringComparer.Ordinal), blocks[1].Select(ReadmeQuickStart.WithoutComment).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadmeQuickStart_RunAsWritten_EveryStepReachesItsOutcome()
    {
        var blocks = ReadmeQuickStart.Blocks(File.ReadAllText(RepositoryPaths.Readme));
        Assert.Equal("make run", ReadmeQuickStart.WithoutComment(blocks[0][0]));
        await using var system = new AllInOneSystem(SystemSettings.Create());

        await system.StartAsync();
        var context = new StepContext(system, new UserShell(system.Settings, system.Diagnostics));
        foreach (var line in blocks[1])
        {
            var command = ReadmeQuickStart.WithoutComment(line);
            Assert.True(Steps.TryGetValue(command, out var step), $"README quick start line unknown to this test: {command}\nteach ReadmeQuickStartTests.Steps what it must do");
            await step(context, line);
        }

        Assert.True(await system.StopAsync(), system.Diagnostics());
        Assert.Empty(Signals.ProcessesMentioning(system.Settings.DataDirectory));
    }

    // What each README command must achieve. Keys are the commands without their comments.
    private static readonly Dictionary<string, Func<StepContext, string, Task>> Steps = new(StringComparer.Ordinal)
    {
        ["export KUBECONFIG=$PWD/.virtrigaud/kubeconfig"] = async (c, line) =>
            Assert.Equal(c.System.Settings.KubeconfigPath, await c.Shell.ExportAsync(line, "KUBECONFIG")),

        ["kubectl get provider mock"] = async (c, line) =>
            Assert.Matches(RowPattern("mock"), (await c.Shell.RunOkAsync(line)).StandardOutput),

        ["kubectl apply -f examples/quickstart.yaml"] = async (c, line) =>
        {
            var output = (await c.Shell.RunOkAsync(line)).StandardOutput;
            Assert.Contains("vmclass.infra.virtrigaud.io/quickstart-small created", output, StringComparison.Ordinal);
            Assert.Contains("vmimage.infra.virtrigaud.io/quickstart-ubuntu created", output, StringComparison.Ordinal);
            Assert.Contains("virtualmachine.infra.virtrigaud.io/quickstart created", output, StringComparison.Ordinal);
        },

        ["kubectl get vm -w"] = async (c, line) =>
        {
            await c.Shell.WatchUntilAsync(line, RowPattern("quickstart", "Running").IsMatch, "quickstart Running", StepTimeout);
            var vm = await c.Kubectl.GetAsync("vm", "quickstart", Ns);
            Assert.Equal("Running", (string?)vm?["status"]?["phase"]);
            Assert.Equal("True", Conditions.Status(vm, "Ready"));
            Assert.Equal("On", (string?)vm?["status"]?["powerState"]);
            var onMock = Assert.Single(c.Mock.VmsNamed("quickstart"));
            Assert.Equal(onMock.Id, (string?)vm?["status"]?["id"]);
            Assert.Equal("On", onMock.Power);
        },

        ["echo '{\"action\": \"Off\"}' | kubectl create --raw /apis/infra.virtrigaud.io/v1beta1/namespaces/default/virtualmachines/quickstart/power -f -"] = async (c, line) =>
        {
            var answer = JsonNode.Parse((await c.Shell.RunOkAsync(line)).StandardOutput);
            Assert.Equal("VirtualMachine", (string?)answer?["kind"]);
            Assert.Equal("Off", (string?)answer?["spec"]?["powerState"]);
        },

        ["kubectl get vm quickstart -w"] = async (c, line) =>
        {
            await c.Shell.WatchUntilAsync(line, RowPattern("quickstart", "Stopped").IsMatch, "quickstart Stopped", StepTimeout);
            var vm = await c.Kubectl.GetAsync("vm", "quickstart", Ns);
            Assert.Equal("Off", (string?)vm?["status"]?["powerState"]);
            Assert.Equal("Off", Assert.Single(c.Mock.VmsNamed("quickstart")).Power);
        },

        ["kubectl apply -f examples/quickstart-snapshot.yaml"] = async (c, line) =>
            Assert.Contains("vmsnapshot.infra.virtrigaud.io/quickstart-snap created", (await c.Shell.RunOkAsync(line)).StandardOutput, StringComparison.Ordinal),

        ["kubectl get vmsnap -w"] = async (c, line) =>
        {
            await c.Shell.WatchUntilAsync(line, RowPattern("quickstart-snap", "quickstart", "Ready").IsMatch, "quickstart-snap Ready", StepTimeout);
            var snapshot = await c.Kubectl.GetAsync("vmsnap", "quickstart-snap", Ns);
            Assert.False(string.IsNullOrEmpty((string?)snapshot?["status"]?["snapshotID"]), snapshot?.ToJsonString());
        },

        ["kubectl apply -f examples/quickstart-clone.yaml"] = async (c, line) =>
            Assert.Contains("vmclone.infra.virtrigaud.io/quickstart-clone created", (await c.Shell.RunOkAsync(line)).StandardOutput, StringComparison.Ordinal),

        ["kubectl get vmclone -w"] = async (c, line) =>
        {
            await c.Shell.WatchUntilAsync(line, RowPattern("quickstart-clone", "quickstart", "quickstart-copy", "Ready").IsMatch, "quickstart-clone Ready", StepTimeout);
            await c.Kubectl.WaitAsync("vm", "quickstart-copy", Ns, "jsonpath={.status.phase}=Running", StepTimeout);
            var copy = await c.Kubectl.GetAsync("vm", "quickstart-copy", Ns);
            var onMock = Assert.Single(c.Mock.VmsNamed("quickstart-copy"));
            Assert.Equal(onMock.Id, (string?)copy?["status"]?["id"]);
            Assert.Equal("On", onMock.Power);
            Assert.Single(c.Mock.VmsNamed("quickstart"));
        },

        ["kubectl get vm"] = async (c, line) =>
        {
            var output = (await c.Shell.RunOkAsync(line)).StandardOutput;
            Assert.Matches(RowPattern("quickstart", "Stopped"), output);
            Assert.Matches(RowPattern("quickstart-copy", "Running"), output);
        },

        ["kubectl delete vm quickstart-copy"] = async (c, line) =>
        {
            Assert.Contains("\"quickstart-copy\" deleted", (await c.Shell.RunOkAsync(line)).StandardOutput, StringComparison.Ordinal);
            Assert.Null(await c.Kubectl.GetAsync("vm", "quickstart-copy", Ns));
            Assert.Empty(c.Mock.VmsNamed("quickstart-copy"));
        },

        ["kubectl delete -f examples/quickstart-clone.yaml -f examples/quickstart-snapshot.yaml -f examples/quickstart.yaml"] = async (c, line) =>
        {
            await c.Shell.RunOkAsync(line);

            // kubectl delete waits until each object is gone, i.e. until its controller removed its finalizer.
            foreach (var (resource, name) in new[] { ("vmclone", "quickstart-clone"), ("vmsnap", "quickstart-snap"), ("vm", "quickstart"), ("vmclass", "quickstart-small"), ("vmimage", "quickstart-ubuntu") })
            {
                Assert.Null(await c.Kubectl.GetAsync(resource, name, Ns));
            }

            Assert.Empty(c.Mock.Vms());
        },
    };

    // A table row whose first columns are exactly these words.
    private static Regex RowPattern(params string[] columns) =>
        new("^" + string.Join(@"\s+", columns.Select(Regex.Escape)) + @"(\s|$)", RegexOptions.Multiline);

    private sealed class StepContext(AllInOneSystem system, UserShell shell)
    {
        public AllInOneSystem System { get; } = system;

        public UserShell Shell { get; } = shell;

        public Kubectl Kubectl => System.Kubectl;

        public MockProviderState Mock { get; } = system.Settings.MockProvider(Ns, "mock");
    }
}

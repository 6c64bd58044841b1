using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.ProviderRuntime;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Manager;

namespace VirtRigaud.Controllers.Tests.Manager;

/// <summary>
/// The built <c>virtrigaud-manager</c> as a child process with a Local mock provider: SIGTERM stops both and exits 0;
/// SIGKILL of the manager takes the provider with it (the parent-death signal), so no provider outlives its manager.
/// </summary>
public sealed partial class ManagerProcessTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task Signal_ManagerWithLocalProvider_ProviderNeverOutlivesManager(string signal)
    {
        var ns = fixture.NewNamespace("process-" + signal.ToLowerInvariant());
        var state = Directory.CreateTempSubdirectory("virtrigaud-manager-process-").FullName;
        await fixture.Client.Core.Secrets(ns).CreateAsync(TestProviders.Credentials(ns, "mock-credentials"));
        await fixture.Client.Providers(ns).CreateAsync(TestProviders.Local(ns, "mock"));
        using var manager = StartManager(ns, state);
        try
        {
            var provider = await ProviderHarness.WaitForAsync(fixture, ns, "mock", p => p.Status?.Runtime?.Phase == ProviderRuntimePhase.Running
                && ProviderHarness.Is(p, ProviderConditions.Available, Api.Machinery.ConditionStatus.True), "the manager's Local provider to run");
            var child = int.Parse(ProcessId().Match(provider.Status!.Runtime!.Message!).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.False(Exited(child));

            using (var kill = Process.Start("kill", ["-" + signal, manager.Process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(Wait.DefaultTimeout);
            await manager.Process.WaitForExitAsync(timeout.Token);
            if (signal == "TERM")
            {
                Assert.True(manager.Process.ExitCode == ManagerExitCodes.Success, $"exit code {manager.Process.ExitCode}; output:\n{manager.Output}");
                Assert.True(Exited(child), "the clean stop must stop the provider before the manager exits");
            }
            else
            {
                await Wait.UntilAsync(() => Exited(child), "the kernel to kill the provider with its manager (parent-death signal)");
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private RunningProcess StartManager(string ns, string state)
    {
        var start = new ProcessStartInfo(LocalProviderBinaries.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "virtrigaud-manager.dll"),
            "--kubeconfig=" + fixture.Server.KubeconfigPath,
            "--namespace=" + ns,
            "--metrics-bind-address=0",
            "--health-probe-bind-address=127.0.0.1:0",
            "--provider-binary-dir=" + AppContext.BaseDirectory,
            "--local-provider-state-dir=" + state,
        })
        {
            start.ArgumentList.Add(argument);
        }

        return new RunningProcess(start);
    }

    // Gone, or a zombie waiting for whoever adopted it to reap it: either way it no longer runs.
    private static bool Exited(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return true;
        }

        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is 'Z' or 'X';
    }

    [GeneratedRegex(@"pid (\d+)")]
    private static partial Regex ProcessId();

    /// <summary>A child process whose output is collected; killed (whole tree) on dispose if still running.</summary>
    private sealed class RunningProcess : IDisposable
    {
        private readonly StringBuilder _output = new();

        public RunningProcess(ProcessStartInfo start)
        {
            Process = new Process { StartInfo = start };
            Process.OutputDataReceived += (_, e) => Append(e.Data);
            Process.ErrorDataReceived += (_, e) => Append(e.Data);
            Process.Start();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}

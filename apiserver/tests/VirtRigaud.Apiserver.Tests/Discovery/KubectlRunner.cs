using System.Diagnostics;

namespace VirtRigaud.Apiserver.Tests.Discovery;

/// <summary>Runs a kubectl binary with a kubeconfig and a fresh discovery cache; asserts success and an empty stderr.</summary>
internal static class KubectlRunner
{
    /// <summary>The standard output of <c>kubectl --kubeconfig=… --cache-dir=… args</c>; HOME is <paramref name="home"/>.</summary>
    public static async Task<string> RunAsync(string kubectl, string kubeconfig, string home, params string[] args)
    {
        var start = new ProcessStartInfo(kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig=" + kubeconfig);
        start.ArgumentList.Add("--cache-dir=" + Path.Combine(home, "cache-" + Guid.NewGuid().ToString("N")));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = home;
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var error = await stderr;
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)} exited {process.ExitCode}: {error}");
        Assert.Equal("", error);
        return await stdout;
    }
}

using System.Diagnostics;

namespace VirtRigaud.Provider.Sdk.Tests.Testing;

/// <summary>Prometheus' own checker, <c>promtool check metrics</c> (Debian package <c>prometheus</c>), run on exposition text.</summary>
internal static class Promtool
{
    /// <summary>Fails unless promtool accepts <paramref name="exposition"/> without a lint problem; fails naming the package when promtool is missing.</summary>
    public static async Task AssertLintCleanAsync(string exposition)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(d => Path.Combine(d, "promtool")).FirstOrDefault(File.Exists);
        if (path is null)
        {
            Assert.Fail("promtool is not installed: install the Debian package 'prometheus' (apt-get install prometheus), which hack/install-test-deps.sh provides.");
        }

        var start = new ProcessStartInfo(path, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Wait.Long);
        await process.WaitForExitAsync(timeout.Token);
        var report = (await output + await error).Trim();
        Assert.True(process.ExitCode == 0 && report.Length == 0, $"promtool check metrics (exit {process.ExitCode}):\n{report}\n--- exposition ---\n{exposition}");
    }
}

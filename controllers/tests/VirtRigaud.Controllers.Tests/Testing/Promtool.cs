using System.Diagnostics;

namespace VirtRigaud.Controllers.Tests.Testing;

/// <summary><c>promtool check metrics</c> (Debian package <c>prometheus</c>; hack/install-test-deps.sh installs it) over exposition text.</summary>
public static class Promtool
{
    /// <summary>Fails with promtool's report unless it finds no problem; fails naming the package when it is missing.</summary>
    public static async Task CheckAsync(string exposition)
    {
        var promtool = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/local/bin")
            .Select(directory => Path.Combine(directory, "promtool"))
            .FirstOrDefault(File.Exists);
        Assert.True(promtool is not null, "promtool not found: install the Debian package prometheus (hack/install-test-deps.sh)");

        var start = new ProcessStartInfo(promtool!, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Wait.DefaultTimeout);
        await process.WaitForExitAsync(timeout.Token);
        var report = ((await stdout) + (await stderr)).Trim();
        Assert.True(process.ExitCode == 0 && report.Length == 0, $"promtool check metrics exited {process.ExitCode}: {report}\n--- exposition ---\n{exposition}");
    }
}

using System.Diagnostics;

namespace VirtRigaud.Provider.Mock.Tests.Testing;

/// <summary>The real <c>qemu-img</c> (Debian package qemu-utils), the peer that proves the mock's image files are genuine.</summary>
internal static class QemuImg
{
    /// <summary>Runs <c>qemu-img <paramref name="arguments"/></c>; returns (exit code, standard output + error).</summary>
    /// <exception cref="Xunit.Sdk.XunitException">qemu-img is not installed.</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("qemu-img") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"qemu-img is not installed (install the Debian package qemu-utils): {e.Message}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Wait.Long);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output + await error);
        }
    }
}

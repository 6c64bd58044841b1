using System.Runtime.InteropServices;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>kill(2) for the SIGTERM a child gets before it is killed (.NET's Process can only SIGKILL). Thread-safe.</summary>
internal static class PosixSignals
{
    /// <summary>SIGTERM on Linux.</summary>
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone (or on a non-Unix system).</summary>
    public static bool Send(int pid, int signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return false;
        }

        return kill(pid, signal) == 0;
    }

    // Blittable arguments only: no marshalling, no unsafe code.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int kill(int pid, int signal);
}

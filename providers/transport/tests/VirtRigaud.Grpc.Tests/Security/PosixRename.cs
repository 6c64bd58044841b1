using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace VirtRigaud.Grpc.Tests.Security;

/// <summary>
/// rename(2), which replaces a symlink to a directory atomically — what the kubelet does to "..data". File.Move follows
/// the link and refuses a directory; Directory.Move refuses an existing target.
/// </summary>
internal static class PosixRename
{
    public static void Replace(string source, string destination)
    {
        if (rename(NullTerminated(source), NullTerminated(destination)) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"rename({source}, {destination}) failed");
        }
    }

    private static byte[] NullTerminated(string path) => Encoding.UTF8.GetBytes(path + "\0");

    // Paths go as explicit UTF-8 bytes so no string marshalling (and no unsafe code for LibraryImport) is involved.
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int rename(byte[] oldPath, byte[] newPath);
}

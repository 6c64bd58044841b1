using System.Globalization;

namespace VirtRigaud.TestPeers;

/// <summary>
/// What peers with fixed, machine-wide resources (libvirtd's QEMU driver folders, NFS's well-known ports) share: a lock
/// file held while the peer runs, so two test processes take turns instead of colliding, and a look at running
/// processes by name. Stateless.
/// </summary>
internal static class MachineResources
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Opens <paramref name="lockFile"/> exclusively, waiting up to <paramref name="timeout"/>; dispose the stream to release it.</summary>
    /// <exception cref="InvalidOperationException">Another process held it for longer than <paramref name="timeout"/>; the message names <paramref name="what"/>.</exception>
    public static async Task<FileStream> AcquireLockAsync(string lockFile, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                try
                {
                    await Task.Delay(RetryInterval, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new InvalidOperationException($"another test holds the {what} lock {lockFile} for more than {timeout}.");
                }
            }
        }
    }

    /// <summary>The ids of running processes (zombies excluded) whose command name (<c>/proc/&lt;pid&gt;/comm</c>) is <paramref name="command"/>.</summary>
    public static List<int> FindProcesses(string command)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // /proc/<pid>/stat: "pid (comm) S ...": S is the state, Z for a zombie that only waits to be reaped.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var state = stat.LastIndexOf(')') is var end and > 0 && end + 2 < stat.Length ? stat[end + 2] : '?';
                if (state != 'Z' && File.ReadAllText(Path.Combine(dir, "comm")).Trim() == command)
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }

        return found;
    }
}

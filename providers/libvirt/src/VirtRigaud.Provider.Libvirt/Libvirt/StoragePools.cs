using System.Xml.Linq;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>
/// libvirt storage pools as places for image files: prepared images (VMImage <c>storagePool</c>) and imported disks
/// (ImportDisk <c>storage_hint</c>) are written as <c>&lt;pool path&gt;/&lt;name&gt;.qcow2</c> with qemu-img, then the pool is
/// refreshed so the file is one of its volumes. Only directory-backed pools qualify. Stateless.
/// </summary>
internal static class StoragePools
{
    /// <summary>The target directory of a directory-backed storage pool.</summary>
    /// <exception cref="ProviderException">NOT_FOUND (no such pool), FAILED_PRECONDITION (not a directory-backed pool, or inactive).</exception>
    public static async Task<string> DirectoryAsync(VirshClient virsh, string pool, CancellationToken cancellationToken)
    {
        var xml = XDocument.Parse(await virsh.RunAsync(["pool-dumpxml", "--pool=" + pool], cancellationToken).ConfigureAwait(false));
        var type = (string?)xml.Root?.Attribute("type") ?? string.Empty;
        if (type is not ("dir" or "fs" or "netfs"))
        {
            throw ProviderErrors.FailedPrecondition(
                $"storage pool \"{pool}\" is of type \"{type}\": the libvirt provider keeps images as qcow2 files in directory-backed pools (dir, fs, netfs) only");
        }

        var info = VirshClient.ParseKeyValues(await virsh.RunAsync(["pool-info", "--pool=" + pool], cancellationToken).ConfigureAwait(false));
        if (!info.TryGetValue("State", out var state) || state != "running")
        {
            throw ProviderErrors.FailedPrecondition($"storage pool \"{pool}\" is not active (state {state ?? "unknown"}): start it with virsh pool-start {pool}");
        }

        return xml.Root?.Element("target")?.Element("path")?.Value.TrimEnd('/') is { Length: > 0 } path
            ? path
            : throw ProviderErrors.FailedPrecondition($"storage pool \"{pool}\" has no target path");
    }

    /// <summary><c>virsh pool-refresh</c>: the pool lists the files written into its directory as volumes.</summary>
    public static Task RefreshAsync(VirshClient virsh, string pool, CancellationToken cancellationToken) =>
        virsh.RunAsync(["pool-refresh", "--pool=" + pool], cancellationToken);
}

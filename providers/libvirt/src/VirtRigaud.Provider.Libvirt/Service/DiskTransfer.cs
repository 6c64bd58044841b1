using System.Globalization;
using VirtRigaud.Provider.Libvirt.Hosting;
using VirtRigaud.Provider.Libvirt.Libvirt;
using VirtRigaud.Provider.Libvirt.Transport;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Libvirt.Service;

/// <summary>
/// ExportDisk and ImportDisk for the <c>pvc</c> (also the legacy empty) and <c>nfs</c> backends, on the hypervisor host:
/// <code>
/// URL                                  path on the host
/// file:///abs/path                     /abs/path
/// pvc://&lt;claim&gt;/&lt;path&gt;                /mnt/migration-storage/&lt;claim&gt;/&lt;path&gt; (upstream's mount)
/// </code>
/// Export: <c>qemu-img convert -U</c> of the disk (or of an internal snapshot, <c>-l snapshot.name=</c>) to qcow2/raw
/// (<c>-c</c> when compressed), written as <c>.part</c> and renamed, then <c>sha256sum</c>. Import: <c>sha256sum</c> of
/// the staged file checked against the expected checksum (FAILED_PRECONDITION on mismatch, nothing created), converted
/// to qcow2 at <c>&lt;LIBVIRT_IMAGE_DIR&gt;/imported/&lt;target&gt;.qcow2</c> — or <c>&lt;pool path&gt;/&lt;target&gt;.qcow2</c> when
/// <c>storage_hint</c> names a directory-backed storage pool, refreshed afterwards —, <c>qemu-img check</c>ed; an existing target is
/// returned as it is (idempotent by target name). The nfs backend reads and writes <c>nfs://</c> URLs with qemu-img on
/// the host (see <see cref="ExportToNfsAsync"/>). S3 staging is not implemented (UNIMPLEMENTED; capabilities: pvc, nfs).
/// </summary>
internal sealed class DiskTransfer(VirshClient virsh, LibvirtProviderSettings settings, TimeProvider time)
{
    private const string MigrationStorageRoot = "/mnt/migration-storage";
    private static readonly string[] ExportFormats = ["qcow2", "raw"];

    /// <summary>Where <paramref name="target"/> is imported.</summary>
    public static string ImportedPath(LibvirtProviderSettings settings, string target) => $"{settings.ImageDirectory}/imported/{target}.qcow2";

    /// <summary>Exports a disk of a VM.</summary>
    public async Task<ExportDiskResponse> ExportAsync(ExportDiskRequest request, DomainDisk disk, CancellationToken cancellationToken)
    {
        CheckBackend(request.BackendType);
        var format = string.IsNullOrEmpty(request.Format) ? "qcow2" : request.Format.ToLowerInvariant();
        if (!ExportFormats.Contains(format, StringComparer.Ordinal))
        {
            throw ProviderErrors.InvalidArgument($"export format \"{request.Format}\" is not supported: use qcow2 or raw");
        }

        var files = new HostFiles(virsh);
        var (sourceFormat, _, _, _) = await files.ImageInfoAsync(disk.Path, cancellationToken).ConfigureAwait(false);
        if (IsNfs(request.BackendType))
        {
            return await ExportToNfsAsync(request, disk, sourceFormat, format, cancellationToken).ConfigureAwait(false);
        }

        var destination = HostPath(request.DestinationUrl, "destination_url");
        await files.MakeDirectoryAsync(Path.GetDirectoryName(destination)!, cancellationToken).ConfigureAwait(false);
        var part = destination + ".part";
        try
        {
            await virsh.RunToolAsync(ExportCommand(request, disk.Path, sourceFormat, format, part), cancellationToken).ConfigureAwait(false);
            await virsh.RunToolAsync(["mv", "-f", "--", part, destination], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await files.RemoveAsync([part], CancellationToken.None).ConfigureAwait(false);
        }

        return new ExportDiskResponse
        {
            ExportId = string.Create(CultureInfo.InvariantCulture, $"export-{request.VmId}-{time.GetUtcNow().ToUnixTimeSeconds()}"),
            Checksum = await Sha256Async(destination, cancellationToken).ConfigureAwait(false),
            EstimatedSizeBytes = await SizeAsync(destination, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Imports a staged disk file as a qcow2 image.</summary>
    public async Task<ImportDiskResponse> ImportAsync(ImportDiskRequest request, CancellationToken cancellationToken)
    {
        CheckBackend(request.BackendType);
        var nfs = IsNfs(request.BackendType);
        if (nfs && request.VerifyChecksum && !string.IsNullOrWhiteSpace(request.ExpectedChecksum))
        {
            throw ProviderErrors.InvalidArgument(
                "expected_checksum cannot be checked for the nfs backend: qemu-img reads the disk from the share directly, so its integrity is checked with qemu-img check; leave it empty");
        }

        var source = nfs ? NfsUrl(request.SourceUrl, "source_url") : HostPath(request.SourceUrl, "source_url");
        var files = new HostFiles(virsh);
        var pool = string.IsNullOrWhiteSpace(request.StorageHint) ? null : request.StorageHint.Trim();
        var destination = pool is null
            ? ImportedPath(settings, request.TargetName)
            : $"{await StoragePools.DirectoryAsync(virsh, pool, cancellationToken).ConfigureAwait(false)}/{request.TargetName}.qcow2";
        if (nfs)
        {
            await RequireOnShareAsync(source, cancellationToken).ConfigureAwait(false);
        }
        else if (!await files.ExistsAsync(source, cancellationToken).ConfigureAwait(false))
        {
            throw ProviderErrors.NotFound($"staged disk {request.SourceUrl} does not exist on the libvirt host ({source})");
        }

        var checksum = nfs ? string.Empty : await Sha256Async(source, cancellationToken).ConfigureAwait(false);
        if (request.VerifyChecksum && !string.IsNullOrEmpty(request.ExpectedChecksum)
            && !string.Equals(checksum, request.ExpectedChecksum.Trim().ToLowerInvariant(), StringComparison.Ordinal))
        {
            throw ProviderErrors.FailedPrecondition($"checksum mismatch for {request.SourceUrl}: expected {request.ExpectedChecksum.Trim().ToLowerInvariant()}, got {checksum}");
        }

        if (!await files.ExistsAsync(destination, cancellationToken).ConfigureAwait(false))
        {
            await files.MakeDirectoryAsync(Path.GetDirectoryName(destination)!, cancellationToken).ConfigureAwait(false);
            var part = destination + ".part";
            try
            {
                var convert = new List<string> { "qemu-img", "convert", "-q" };
                if (!string.IsNullOrEmpty(request.Format))
                {
                    convert.AddRange(["-f", request.Format.ToLowerInvariant()]);
                }

                convert.AddRange(["-O", "qcow2", source, part]);
                await virsh.RunToolAsync(convert, cancellationToken).ConfigureAwait(false);
                await virsh.RunToolAsync(["qemu-img", "check", "-q", part], cancellationToken).ConfigureAwait(false);
                await virsh.RunToolAsync(["mv", "-f", "--", part, destination], cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await files.RemoveAsync([part], CancellationToken.None).ConfigureAwait(false);
            }

            if (pool is not null)
            {
                await StoragePools.RefreshAsync(virsh, pool, cancellationToken).ConfigureAwait(false);
            }
        }

        return new ImportDiskResponse
        {
            DiskId = request.TargetName,
            Path = destination,
            Checksum = checksum,
            ActualSizeBytes = await SizeAsync(destination, cancellationToken).ConfigureAwait(false),
        };
    }

    private static void CheckBackend(string backend)
    {
        if (backend is not "" and not "pvc" and not "nfs")
        {
            throw ProviderErrors.Unimplemented($"the {backend} staging backend (the libvirt provider stages through pvc and nfs)");
        }
    }

    private static bool IsNfs(string backend) => backend == "nfs";

    /// <summary><c>qemu-img info</c> of an nfs:// URL on the host: NOT_FOUND when the share has no such file, UNAVAILABLE when the share cannot be reached.</summary>
    private async Task RequireOnShareAsync(string url, CancellationToken cancellationToken)
    {
        CommandResult result;
        try
        {
            result = await virsh.Runner.RunAsync(["qemu-img", "info", "-U", url], null, cancellationToken).ConfigureAwait(false);
        }
        catch (SshTransportException e)
        {
            throw LibvirtErrors.FromTransport(e);
        }

        if (result.Succeeded)
        {
            return;
        }

        var message = result.StandardError.Trim();
        // libnfs: "Lookup of /x failed with NFS3ERR_NOENT(-2)"; an unreachable share says "Failed to mount nfs share".
        throw message.Contains("NFS3ERR_NOENT", StringComparison.Ordinal) || message.Contains("No such file or directory", StringComparison.Ordinal)
            ? ProviderErrors.NotFound($"staged disk {url} does not exist on the share: {message}")
            : ProviderErrors.Unavailable($"staged disk {url} cannot be read from the share: {message}");
    }

    /// <summary><c>qemu-img convert</c> of a disk (or of one of its internal snapshots) to <paramref name="destination"/>, a path or an nfs:// URL.</summary>
    private static List<string> ExportCommand(ExportDiskRequest request, string disk, string sourceFormat, string format, string destination)
    {
        var convert = new List<string> { "qemu-img", "convert", "-q", "-U", "-f", sourceFormat };
        if (!string.IsNullOrEmpty(request.SnapshotId))
        {
            convert.AddRange(["-l", "snapshot.name=" + request.SnapshotId]);
        }

        convert.AddRange(["-O", format]);
        if (request.Compress && format == "qcow2")
        {
            convert.Add("-c");
        }

        convert.AddRange([disk, destination]);
        return convert;
    }

    /// <summary>
    /// nfs backend: qemu-img on the host writes the disk straight onto the share through its libnfs driver (NFSv3; the
    /// URL's <c>uid</c>/<c>gid</c> are the identity it writes as), as upstream does. There is no SHA-256 of an NFS
    /// object (integrity is <c>qemu-img check</c>ed on import), so the response carries none.
    /// </summary>
    private async Task<ExportDiskResponse> ExportToNfsAsync(ExportDiskRequest request, DomainDisk disk, string sourceFormat, string format, CancellationToken cancellationToken)
    {
        var destination = NfsUrl(request.DestinationUrl, "destination_url");
        await virsh.RunToolAsync(ExportCommand(request, disk.Path, sourceFormat, format, destination), cancellationToken).ConfigureAwait(false);
        var (_, _, actualSize, _) = await new HostFiles(virsh).QemuImageInfoAsync(destination, cancellationToken).ConfigureAwait(false);
        return new ExportDiskResponse
        {
            ExportId = string.Create(CultureInfo.InvariantCulture, $"export-{request.VmId}-{time.GetUtcNow().ToUnixTimeSeconds()}"),
            EstimatedSizeBytes = actualSize,
        };
    }

    /// <summary>
    /// Checks an <c>nfs://server/export/path[?uid=N&amp;gid=N]</c> URL as upstream builds them: a server, an absolute path
    /// naming a file, no <c>..</c>, no control characters, only the uid/gid options (numbers). Returns it unchanged.
    /// </summary>
    /// <exception cref="ProviderException">INVALID_ARGUMENT naming the field and what is wrong.</exception>
    internal static string NfsUrl(string url, string field)
    {
        if (!url.StartsWith("nfs://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw ProviderErrors.InvalidArgument($"{field} \"{url}\" must be nfs://server/export/path for the nfs backend");
        }

        // System.Uri resolves dot segments, qemu-img does not: the raw path is what gets checked.
        var rawPath = url["nfs://".Length..].Split('?', 2)[0];
        var path = Uri.UnescapeDataString(rawPath[Math.Max(0, rawPath.IndexOf('/', StringComparison.Ordinal))..]);
        if (url.Any(char.IsControl) || !path.StartsWith('/') || path.Length < 2 || path.EndsWith('/') || path.Split('/').Any(segment => segment is ".." or "."))
        {
            throw ProviderErrors.InvalidArgument($"{field} \"{url}\" must name a file on the share, without '..' or control characters");
        }

        foreach (var option in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = option.Split('=', 2);
            if (pair is not [("uid" or "gid"), var value] || !uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw ProviderErrors.InvalidArgument($"{field} \"{url}\": the only options are uid=<number> and gid=<number>");
            }
        }

        return url;
    }

    /// <summary>The host path of a file:// or pvc:// URL; anything else, relative paths, <c>..</c> and control characters are INVALID_ARGUMENT.</summary>
    internal static string HostPath(string url, string field)
    {
        string path;
        if (url.StartsWith("file://", StringComparison.Ordinal))
        {
            path = Uri.UnescapeDataString(url["file://".Length..]);
        }
        else if (url.StartsWith("pvc://", StringComparison.Ordinal))
        {
            path = MigrationStorageRoot + "/" + Uri.UnescapeDataString(url["pvc://".Length..]);
        }
        else
        {
            throw ProviderErrors.InvalidArgument($"{field} \"{url}\" must be file:///path or pvc://claim/path for the pvc backend");
        }

        if (!path.StartsWith('/') || path.EndsWith('/') || path.Any(char.IsControl) || path.Split('/').Any(segment => segment == ".."))
        {
            throw ProviderErrors.InvalidArgument($"{field} \"{url}\" must name an absolute file path without '..'");
        }

        return path;
    }

    private async Task<string> Sha256Async(string path, CancellationToken cancellationToken) =>
        (await virsh.RunToolAsync(["sha256sum", "--", path], cancellationToken).ConfigureAwait(false)).Split(' ', 2)[0].Trim();

    private async Task<long> SizeAsync(string path, CancellationToken cancellationToken) =>
        long.Parse((await virsh.RunToolAsync(["stat", "-c", "%s", "--", path], cancellationToken).ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture);
}

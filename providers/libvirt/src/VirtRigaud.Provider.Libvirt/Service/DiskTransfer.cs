using System.Globalization;
using VirtRigaud.Provider.Libvirt.Hosting;
using VirtRigaud.Provider.Libvirt.Libvirt;
using VirtRigaud.Provider.Libvirt.Transport;
using VirtRigaud.Provider.Sdk.Capabilities;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Staging;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Libvirt.Service;

/// <summary>
/// ExportDisk and ImportDisk for the <c>pvc</c> (also the legacy empty), <c>nfs</c> and <c>s3</c> backends, on the hypervisor host:
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
/// the host (see <see cref="ExportToNfsAsync"/>); the s3 backend relays the bytes through the provider (see
/// <see cref="ExportToS3Async"/>, <see cref="ImportFromS3Async"/>). Transfer modes: auto and relay everywhere; direct
/// (the host reads and writes the staging store itself) only for nfs, which is what the nfs backend does anyway.
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
        CheckBackend(request.BackendType, request.TransferMode);
        var format = string.IsNullOrEmpty(request.Format) ? "qcow2" : request.Format.ToLowerInvariant();
        if (!ExportFormats.Contains(format, StringComparer.Ordinal))
        {
            throw ProviderErrors.InvalidArgument($"export format \"{request.Format}\" is not supported: use qcow2 or raw");
        }

        var files = new HostFiles(virsh);
        var (sourceFormat, virtualSize, _, _) = await files.ImageInfoAsync(disk.Path, cancellationToken).ConfigureAwait(false);
        if (IsNfs(request.BackendType))
        {
            return await ExportToNfsAsync(request, disk, sourceFormat, format, cancellationToken).ConfigureAwait(false);
        }

        if (request.BackendType == StorageBackends.S3)
        {
            var location = S3StagingLocation.Parse(request.DestinationUrl, "destination_url", request.StorageOptionsJson, request.Credentials);
            return await ExportToS3Async(request, disk, sourceFormat, format, virtualSize, location, cancellationToken).ConfigureAwait(false);
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
            ExportId = ExportId(request),
            Checksum = await Sha256Async(destination, cancellationToken).ConfigureAwait(false),
            EstimatedSizeBytes = await SizeAsync(destination, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Imports a staged disk file as a qcow2 image.</summary>
    public async Task<ImportDiskResponse> ImportAsync(ImportDiskRequest request, CancellationToken cancellationToken)
    {
        CheckBackend(request.BackendType, request.TransferMode);
        if (request.BackendType == StorageBackends.S3)
        {
            var location = S3StagingLocation.Parse(request.SourceUrl, "source_url", request.StorageOptionsJson, request.Credentials);
            return await ImportFromS3Async(request, location, cancellationToken).ConfigureAwait(false);
        }

        var nfs = IsNfs(request.BackendType);
        if (nfs && request.VerifyChecksum && !string.IsNullOrWhiteSpace(request.ExpectedChecksum))
        {
            throw ProviderErrors.InvalidArgument(
                "expected_checksum cannot be checked for the nfs backend: qemu-img reads the disk from the share directly, so its integrity is checked with qemu-img check; leave it empty");
        }

        var source = nfs ? NfsUrl(request.SourceUrl, "source_url") : HostPath(request.SourceUrl, "source_url");
        var files = new HostFiles(virsh);
        var (destination, pool) = await DestinationAsync(request, cancellationToken).ConfigureAwait(false);
        if (nfs)
        {
            await RequireOnShareAsync(source, cancellationToken).ConfigureAwait(false);
        }
        else if (!await files.ExistsAsync(source, cancellationToken).ConfigureAwait(false))
        {
            throw ProviderErrors.NotFound($"staged disk {request.SourceUrl} does not exist on the libvirt host ({source})");
        }

        var checksum = nfs ? string.Empty : await Sha256Async(source, cancellationToken).ConfigureAwait(false);
        CheckChecksum(request, checksum);
        if (!await files.ExistsAsync(destination, cancellationToken).ConfigureAwait(false))
        {
            if (!nfs)
            {
                await RequireStandaloneImageAsync(request, source, cancellationToken).ConfigureAwait(false);
            }

            await ConvertIntoPlaceAsync(request, source, destination, pool, cancellationToken).ConfigureAwait(false);
        }

        return new ImportDiskResponse
        {
            DiskId = request.TargetName,
            Path = destination,
            Checksum = checksum,
            ActualSizeBytes = await SizeAsync(destination, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// s3 export, relayed through the provider as upstream does it: the multipart upload is started first (a missing
    /// bucket or refused credentials fail before any work), <c>qemu-img convert -U</c> writes the disk — flattened, in
    /// the requested format, compressed if asked — to a temporary file under <c>&lt;LIBVIRT_IMAGE_DIR&gt;/staging/</c> on the
    /// host, <c>cat</c> streams it (over ssh, or locally) into the upload with its SHA-256 computed on the way, and the
    /// upload is completed only when every byte of the file went through and <c>cat</c> exited 0. The temporary file is
    /// removed in every case; an upload that did not complete is aborted, so nothing half-written appears under the key.
    /// </summary>
    private async Task<ExportDiskResponse> ExportToS3Async(
        ExportDiskRequest request,
        DomainDisk disk,
        string sourceFormat,
        string format,
        long virtualSize,
        S3StagingLocation location,
        CancellationToken cancellationToken)
    {
        var files = new HostFiles(virsh);
        var exportId = ExportId(request);
        var staging = $"{settings.ImageDirectory}/staging";
        var temporary = $"{staging}/{exportId}-{Guid.NewGuid():N}.{format}";
        using var s3 = new S3StagingClient(location);

        // A qcow2 or raw copy is at most the virtual size plus metadata: the bound that sizes the parts.
        await using var upload = await s3.BeginUploadAsync(virtualSize + (virtualSize / 64) + (64L << 20), cancellationToken).ConfigureAwait(false);
        try
        {
            await files.MakeDirectoryAsync(staging, cancellationToken).ConfigureAwait(false);
            await virsh.RunToolAsync(ExportCommand(request, disk.Path, sourceFormat, format, temporary), cancellationToken).ConfigureAwait(false);
            var size = await SizeAsync(temporary, cancellationToken).ConfigureAwait(false);
            var result = await StreamAsync(["cat", "--", temporary], null, (stdout, ct) => upload.WriteAsync(stdout, ct), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw LibvirtErrors.FromResult("cat", result);
            }

            if (upload.BytesWritten != size)
            {
                throw ProviderErrors.Unavailable($"the export of {disk.Path} ended after {upload.BytesWritten} of {size} bytes");
            }

            var uploaded = await upload.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return new ExportDiskResponse { ExportId = exportId, Checksum = uploaded.Sha256, EstimatedSizeBytes = uploaded.Bytes };
        }
        finally
        {
            await files.RemoveAsync([temporary], CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// s3 import, relayed through the provider: the object is looked up first (NOT_FOUND / PERMISSION_DENIED before any
    /// work), then streamed from S3 into a staged file beside the destination (<c>&lt;target&gt;.qcow2.download</c>) with
    /// its SHA-256 computed on the way; a checksum mismatch is FAILED_PRECONDITION and creates nothing. The staged file
    /// must be a disk image of the request's format (probed when none is given) without a backing file; it is then
    /// converted to qcow2 and <c>qemu-img check</c>ed like a file import. An existing target is returned as it is
    /// (idempotent by target name; nothing is downloaded, so no checksum is reported).
    /// </summary>
    private async Task<ImportDiskResponse> ImportFromS3Async(ImportDiskRequest request, S3StagingLocation location, CancellationToken cancellationToken)
    {
        var files = new HostFiles(virsh);
        using var s3 = new S3StagingClient(location);

        // A HEAD first: a missing object or refused credentials fail before anything is created on the host.
        _ = await s3.GetSizeAsync(cancellationToken).ConfigureAwait(false);
        var (destination, pool) = await DestinationAsync(request, cancellationToken).ConfigureAwait(false);
        var checksum = string.Empty;
        if (!await files.ExistsAsync(destination, cancellationToken).ConfigureAwait(false))
        {
            await files.MakeDirectoryAsync(Path.GetDirectoryName(destination)!, cancellationToken).ConfigureAwait(false);
            var staged = destination + ".download";
            try
            {
                S3TransferResult? downloaded = null;

                // The script is a constant; the path arrives as positional parameter $1, so it is never parsed as shell syntax.
                var result = await StreamAsync(
                    ["sh", "-c", "umask 077 && cat > \"$1\"", "sh", staged],
                    async (stdin, ct) => downloaded = await s3.DownloadAsync(stdin, ct).ConfigureAwait(false),
                    null,
                    cancellationToken).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    throw LibvirtErrors.FromResult($"writing {staged}", result);
                }

                checksum = downloaded!.Sha256;
                CheckChecksum(request, checksum);
                await RequireStandaloneImageAsync(request, staged, cancellationToken).ConfigureAwait(false);
                await ConvertIntoPlaceAsync(request, staged, destination, pool, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await files.RemoveAsync([staged], CancellationToken.None).ConfigureAwait(false);
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

    /// <summary>
    /// Where an import lands: <c>&lt;LIBVIRT_IMAGE_DIR&gt;/imported/&lt;target&gt;.qcow2</c>, or the directory of the storage
    /// pool <c>storage_hint</c> names.
    /// </summary>
    private async Task<(string Path, string? Pool)> DestinationAsync(ImportDiskRequest request, CancellationToken cancellationToken)
    {
        var pool = string.IsNullOrWhiteSpace(request.StorageHint) ? null : request.StorageHint.Trim();
        var destination = pool is null
            ? ImportedPath(settings, request.TargetName)
            : $"{await StoragePools.DirectoryAsync(virsh, pool, cancellationToken).ConfigureAwait(false)}/{request.TargetName}.qcow2";
        return (destination, pool);
    }

    /// <summary>FAILED_PRECONDITION when the request asks for verification and <paramref name="checksum"/> is not the expected one.</summary>
    private static void CheckChecksum(ImportDiskRequest request, string checksum)
    {
        if (request.VerifyChecksum && !string.IsNullOrEmpty(request.ExpectedChecksum)
            && !string.Equals(checksum, request.ExpectedChecksum.Trim().ToLowerInvariant(), StringComparison.Ordinal))
        {
            throw ProviderErrors.FailedPrecondition($"checksum mismatch for {request.SourceUrl}: expected {request.ExpectedChecksum.Trim().ToLowerInvariant()}, got {checksum}");
        }
    }

    /// <summary>
    /// A staged disk that came from outside must be an image of the stated format that stands alone: a backing file
    /// would make qemu-img read another file of the host into the imported disk. INVALID_ARGUMENT otherwise.
    /// </summary>
    private async Task RequireStandaloneImageAsync(ImportDiskRequest request, string staged, CancellationToken cancellationToken)
    {
        var info = new List<string> { "qemu-img", "info", "--output=json" };
        if (!string.IsNullOrEmpty(request.Format))
        {
            info.AddRange(["-f", request.Format.ToLowerInvariant()]);
        }

        info.Add(staged);
        var result = await Run(info, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var format = string.IsNullOrEmpty(request.Format) ? "disk" : request.Format.ToLowerInvariant();
            throw ProviderErrors.InvalidArgument($"staged disk {request.SourceUrl} is not a {format} image: {LibvirtErrors.MessageOf(result)}");
        }

        using var document = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        if (document.RootElement.TryGetProperty("backing-filename", out var backing))
        {
            throw ProviderErrors.InvalidArgument($"staged disk {request.SourceUrl} refers to a backing file ({backing.GetString()}); staged disks must stand alone (exports are flattened)");
        }
    }

    /// <summary>Converts <paramref name="source"/> to qcow2 as <c>.part</c>, checks it, renames it to <paramref name="destination"/> and refreshes the pool.</summary>
    private async Task ConvertIntoPlaceAsync(ImportDiskRequest request, string source, string destination, string? pool, CancellationToken cancellationToken)
    {
        var files = new HostFiles(virsh);
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

    private async Task<CommandResult> Run(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await virsh.Runner.RunAsync(arguments, null, cancellationToken).ConfigureAwait(false);
        }
        catch (SshTransportException e)
        {
            throw LibvirtErrors.FromTransport(e);
        }
    }

    private async Task<CommandResult> StreamAsync(
        IReadOnlyList<string> arguments,
        Func<Stream, CancellationToken, Task>? writeInput,
        Func<Stream, CancellationToken, Task>? readOutput,
        CancellationToken cancellationToken)
    {
        try
        {
            return await virsh.Runner.RunStreamingAsync(arguments, writeInput, readOutput, cancellationToken).ConfigureAwait(false);
        }
        catch (SshTransportException e)
        {
            throw LibvirtErrors.FromTransport(e);
        }
        catch (InvalidOperationException e)
        {
            throw ProviderErrors.FailedPrecondition($"{arguments[0]} cannot be run on the hypervisor host: {e.Message}", e);
        }
    }

    private string ExportId(ExportDiskRequest request) =>
        string.Create(CultureInfo.InvariantCulture, $"export-{request.VmId}-{time.GetUtcNow().ToUnixTimeSeconds()}");

    private static void CheckBackend(string backend, string transferMode)
    {
        if (backend is not "" and not StorageBackends.Pvc and not StorageBackends.Nfs and not StorageBackends.S3)
        {
            throw ProviderErrors.InvalidArgument($"backend_type \"{backend}\" is not a staging backend: use pvc, nfs or s3");
        }

        if (transferMode is not "" and not TransferModes.Auto and not TransferModes.Relay and not TransferModes.Direct)
        {
            throw ProviderErrors.InvalidArgument($"transfer_mode \"{transferMode}\" is not a transfer mode: use auto, relay or direct");
        }

        if (transferMode == TransferModes.Direct && backend != StorageBackends.Nfs)
        {
            throw ProviderErrors.InvalidArgument(
                $"transfer_mode direct is only for the nfs backend; the {(backend.Length == 0 ? StorageBackends.Pvc : backend)} backend is relayed (use auto or relay)");
        }
    }

    private static bool IsNfs(string backend) => backend == StorageBackends.Nfs;

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
            ExportId = ExportId(request),
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

using System.Globalization;
using VirtRigaud.Provider.Mock.DiskImages;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Mock.Hypervisor;

public sealed partial class MockHypervisor
{
    private const long QcowOverheadBytes = 196_608;
    private const long BytesWrittenPerGeneration = 16L * 1024 * 1024;

    /// <summary>A VM disk's format, sizes, snapshots and backing file, now or as of a snapshot. Read-only.</summary>
    /// <exception cref="ProviderException">NOT_FOUND (VM, disk, snapshot, or the disk did not exist at the snapshot).</exception>
    public DiskDescription GetDiskInfo(string vmId, string diskId, string snapshotId)
    {
        lock (_gate)
        {
            EnsureStarted();
            var vm = RequireVm(vmId);
            var disk = ResolveDisk(vm, diskId);
            var (size, contentId, generation) = DiskStateAt(vm, disk, snapshotId);
            return new DiskDescription
            {
                DiskId = disk.Id,
                Format = disk.Format,
                VirtualSizeBytes = size,
                ActualSizeBytes = disk.Format == "raw" ? size : Math.Min(size, QcowOverheadBytes + ((generation + 1) * BytesWrittenPerGeneration)),
                Path = disk.Path,
                IsBootable = disk.Bootable,
                Snapshots = [.. vm.Snapshots.Where(s => s.Disks.Exists(d => d.DiskId == disk.Id)).OrderBy(s => s.CreatedAt).Select(s => s.Id)],
                BackingFile = disk.BackingFile ?? "",
                Metadata = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["contentId"] = contentId,
                    ["generation"] = generation.ToString(CultureInfo.InvariantCulture),
                    ["type"] = disk.Type,
                    ["name"] = disk.Name,
                },
            };
        }
    }

    /// <summary>
    /// Writes a VM disk (now or as of a snapshot) as a real image file to <c>file://</c> or <c>pvc://</c> and reports
    /// its SHA-256; the same disk state always gives the same bytes. Idempotent by (vm, disk, snapshot, URL): a repeat
    /// overwrites the file with the same bytes. The returned task reports the transfer (bytes over the duration).
    /// Mutates the file system and the task table.
    /// </summary>
    /// <exception cref="ProviderException">UNIMPLEMENTED (export or compression not offered), INVALID_ARGUMENT (format,
    /// backend, transfer mode, URL), NOT_FOUND (VM, disk, snapshot).</exception>
    public async Task<DiskExported> ExportDiskAsync(DiskExportSpec spec, CancellationToken cancellationToken)
    {
        if (!Capabilities.DiskExport)
        {
            throw ProviderErrors.Unimplemented("disk export");
        }

        var format = ParseFormat(spec.Format.Length == 0 ? "qcow2" : spec.Format, Capabilities.ExportFormats, "export");
        if (spec.Compress)
        {
            throw ProviderErrors.Unimplemented("compressed export");
        }

        CheckTransfer(spec.BackendType, spec.TransferMode, Capabilities.ExportBackends);
        var path = ResolveStorageUrl(spec.DestinationUrl, "destination_url");
        DiskContent content;
        string target;
        lock (_gate)
        {
            EnsureStarted();
            var vm = RequireVm(spec.VmId);
            var disk = ResolveDisk(vm, spec.DiskId);
            var (size, contentId, generation) = DiskStateAt(vm, disk, spec.SnapshotId);
            content = new DiskContent { ContentId = contentId, Generation = generation, VirtualSizeBytes = size };
            target = $"{vm.Id}/{disk.Id}{(spec.SnapshotId.Length > 0 ? "@" + spec.SnapshotId : "")}";
        }

        var exportId = $"export-{spec.VmId}-{DeterministicIdentity.ShortHash($"{target}|{spec.DestinationUrl}|{DiskImageFormats.Name(format)}")}";
        var failure = _faults.DecideTask(MockOperations.ExportDisk);
        if (failure is not null)
        {
            lock (_gate)
            {
                var failed = StartTask(MockOperations.ExportDisk, null, target, _time.GetUtcNow(), failure, phase: "exporting");
                Persist();
                return new DiskExported(exportId, failed, 0, "", path);
            }
        }

        long written;
        string checksum;
        try
        {
            (written, checksum) = await DiskImageFile.WriteAsync(path, format, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ProviderErrors.FailedPrecondition($"cannot write the export to {path}: {e.Message}", e);
        }

        MockLog.DiskExported(_logger, spec.VmId, path, DiskImageFormats.Name(format), written, checksum);
        lock (_gate)
        {
            var taskId = StartTask(MockOperations.ExportDisk, null, target, _time.GetUtcNow(), null, written, "exporting");
            Persist();
            return new DiskExported(exportId, taskId, written, checksum, path);
        }
    }

    /// <summary>
    /// Copies a disk image from <c>file://</c> or <c>pvc://</c> into the provider's storage
    /// (<c>&lt;data&gt;/disks/&lt;target&gt;.&lt;format&gt;</c>), verifying its SHA-256 when asked. Idempotent by target
    /// name: a disk already imported under it is returned (ALREADY_EXISTS if the expected checksum differs); concurrent
    /// duplicates wait for the first. Create boots from it by path. Mutates the file system and the store.
    /// </summary>
    /// <exception cref="ProviderException">UNIMPLEMENTED, INVALID_ARGUMENT (name, format, backend, URL, unreadable
    /// image), NOT_FOUND (source missing), FAILED_PRECONDITION (checksum mismatch), ALREADY_EXISTS.</exception>
    public async Task<DiskImported> ImportDiskAsync(DiskImportSpec spec, CancellationToken cancellationToken)
    {
        if (!Capabilities.DiskImport)
        {
            throw ProviderErrors.Unimplemented("disk import");
        }

        RequireName(spec.TargetName, "target_name");
        DiskImageFormat? expectedFormat = spec.Format.Length == 0 ? null : ParseFormat(spec.Format, Capabilities.ImportFormats, "import");
        CheckTransfer(spec.BackendType, spec.TransferMode, Capabilities.ImportBackends);
        var source = ResolveStorageUrl(spec.SourceUrl, "source_url");
        var expected = spec.VerifyChecksum ? spec.ExpectedChecksum.Trim().ToLowerInvariant() : "";
        using var hold = await _nameLocks.AcquireAsync($"import/{spec.TargetName}", cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            EnsureStarted();
            if (_stored.TryGetValue(StoredKey(StoredDiskKind.Imported, spec.TargetName), out var existing))
            {
                if (expected.Length > 0 && expected != existing.Checksum)
                {
                    throw ProviderErrors.AlreadyExists("imported disk", spec.TargetName);
                }

                return new DiskImported(existing.Name, existing.Path, PendingTask(existing.TaskId, _time.GetUtcNow())?.Id, existing.FileSizeBytes, existing.Checksum);
            }
        }

        if (!File.Exists(source))
        {
            throw ProviderErrors.NotFound($"source {spec.SourceUrl} not found");
        }

        var failure = _faults.DecideTask(MockOperations.ImportDisk);
        if (failure is not null)
        {
            lock (_gate)
            {
                var failed = StartTask(MockOperations.ImportDisk, null, spec.TargetName, _time.GetUtcNow(), failure, phase: "importing");
                Persist();
                return new DiskImported(spec.TargetName, "", failed, 0, "");
            }
        }

        var checksum = await Checksums.Sha256FileAsync(source, cancellationToken).ConfigureAwait(false);
        if (expected.Length > 0 && expected != checksum)
        {
            throw ProviderErrors.FailedPrecondition($"checksum mismatch for {spec.SourceUrl}: expected sha256 {expected}, got {checksum}");
        }

        var info = await InspectAsync(source, cancellationToken).ConfigureAwait(false);
        if (expectedFormat is { } wanted && wanted != info.Format)
        {
            throw ProviderErrors.InvalidArgument($"source {spec.SourceUrl} is {DiskImageFormats.Name(info.Format)}, not {DiskImageFormats.Name(wanted)}");
        }

        var destination = Path.Combine(DisksDirectory, $"{spec.TargetName}.{DiskImageFormats.Name(info.Format)}");
        await CopyIntoStoreAsync(source, destination, cancellationToken).ConfigureAwait(false);
        MockLog.DiskImported(_logger, spec.TargetName, destination, DiskImageFormats.Name(info.Format), info.FileSizeBytes, checksum);
        lock (_gate)
        {
            var taskId = StartTask(MockOperations.ImportDisk, null, spec.TargetName, _time.GetUtcNow(), null, info.FileSizeBytes, "importing");
            var stored = new MockStoredDisk
            {
                Name = spec.TargetName,
                Kind = StoredDiskKind.Imported,
                Path = destination,
                Format = DiskImageFormats.Name(info.Format),
                VirtualSizeBytes = info.VirtualSizeBytes,
                FileSizeBytes = info.FileSizeBytes,
                Checksum = checksum,
                ContentId = info.Content?.ContentId ?? checksum[..32],
                Generation = info.Content?.Generation ?? 0,
                Source = UrlText.Redact(spec.SourceUrl),
                TaskId = taskId,
            };
            _stored[StoredKey(StoredDiskKind.Imported, stored.Name)] = stored;
            Persist();
            return new DiskImported(stored.Name, stored.Path, taskId, stored.FileSizeBytes, checksum);
        }
    }

    /// <summary>The disk named by id or name; empty ⇒ the primary disk. Under the lock.</summary>
    private static MockDisk ResolveDisk(MockVm vm, string diskId) =>
        diskId.Length == 0
            ? vm.Disks[0]
            : vm.Disks.Find(d => d.Id == diskId) ?? vm.Disks.Find(d => d.Name == diskId) ?? throw ProviderErrors.NotFound("disk", diskId);

    /// <summary>A disk's size and content now, or as a snapshot holds it. Under the lock.</summary>
    private static (long Size, string ContentId, long Generation) DiskStateAt(MockVm vm, MockDisk disk, string snapshotId)
    {
        if (snapshotId.Length == 0)
        {
            return (disk.SizeBytes, disk.ContentId, disk.Generation);
        }

        var snapshot = vm.Snapshots.Find(s => s.Id == snapshotId) ?? throw ProviderErrors.NotFound("snapshot", snapshotId);
        var saved = snapshot.Disks.Find(d => d.DiskId == disk.Id)
            ?? throw ProviderErrors.NotFound($"disk \"{disk.Id}\" did not exist at snapshot \"{snapshotId}\"");
        return (saved.SizeBytes, saved.ContentId, saved.Generation);
    }

    private static DiskImageFormat ParseFormat(string format, IReadOnlyList<string> supported, string direction)
    {
        if (!DiskImageFormats.TryParse(format, out var parsed) || !supported.Contains(DiskImageFormats.Name(parsed.Value), StringComparer.Ordinal))
        {
            throw ProviderErrors.InvalidArgument($"format \"{format}\" is not supported for {direction} (supported: {string.Join(", ", supported)})");
        }

        return parsed.Value;
    }

    private static void CheckTransfer(string backend, string mode, IReadOnlyList<string> backends)
    {
        var effective = backend.Length == 0 ? "pvc" : backend;
        if (!backends.Contains(effective, StringComparer.Ordinal))
        {
            throw ProviderErrors.InvalidArgument($"backend \"{effective}\" is not supported by the mock provider (supported: {string.Join(", ", backends)})");
        }

        if (mode.Length > 0 && mode is not ("auto" or "relay"))
        {
            throw ProviderErrors.InvalidArgument($"transfer mode \"{mode}\" is not supported by the mock provider (supported: relay, auto)");
        }
    }

    /// <summary>
    /// Maps a staging URL to a local path: <c>file:///abs/path</c> as is, <c>pvc://&lt;claim&gt;/&lt;path&gt;</c> under
    /// <see cref="MockHypervisorOptions.MigrationStorageRoot"/> (where upstream mounts the claim in provider pods). Pure.
    /// </summary>
    private string ResolveStorageUrl(string url, string field)
    {
        RequireField(url, field);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || url.Contains("/../", StringComparison.Ordinal) || url.EndsWith("/..", StringComparison.Ordinal))
        {
            throw ProviderErrors.InvalidArgument($"{field} \"{UrlText.Redact(url)}\" is not an absolute URL without \"..\" segments");
        }

        switch (uri.Scheme)
        {
            case "file" when uri.Host.Length == 0:
                return uri.LocalPath;
            case "pvc" when uri.Host.Length > 0 && uri.AbsolutePath.Length > 1:
                return Path.Combine(_options.MigrationStorageRoot, uri.Host, Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')));
            default:
                throw ProviderErrors.InvalidArgument($"{field} scheme \"{uri.Scheme}\" is not supported by the mock provider (use file:///<path> or pvc://<claim>/<path>)");
        }
    }

    private static async Task<DiskImageInfo> InspectAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await DiskImageFile.InspectAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw ProviderErrors.InvalidArgument($"{path} is not a usable disk image: {e.Message}", e);
        }
    }

    /// <summary>Copies a file next to its destination and renames it into place (sparse holes are not preserved; images are small or raw-sparse). Mutates the file system.</summary>
    private static async Task CopyIntoStoreAsync(string source, string destination, CancellationToken cancellationToken)
    {
        var temporary = destination + $".{Guid.NewGuid():N}.tmp";
        try
        {
            var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (input.ConfigureAwait(false))
            {
                var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
                await using (output.ConfigureAwait(false))
                {
                    await CopySparseAsync(input, output, cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(temporary, destination, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Copies a stream, seeking over all-zero blocks so that a sparse raw image stays sparse. Mutates <paramref name="output"/>.</summary>
    private static async Task CopySparseAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await input.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.AsSpan(0, read).ContainsAnyExcept((byte)0))
            {
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                output.Seek(read, SeekOrigin.Current);
            }
        }

        output.SetLength(input.Length);
    }
}

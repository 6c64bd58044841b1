using System.Text.RegularExpressions;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;
using static VirtRigaud.Provider.Conformance.ConformanceContext;

namespace VirtRigaud.Provider.Conformance.Cases;

/// <summary>export-import-roundtrip: a disk leaves through ExportDisk and comes back through ImportDisk with the same SHA-256.</summary>
internal static partial class DiskCases
{
    /// <summary>Preference when the provider offers several formats both ways.</summary>
    private static readonly string[] FormatPreference = ["qcow2", "raw", "vmdk"];

    /// <summary>A checksum no disk has.</summary>
    private static readonly string WrongChecksum = new('0', 64);

    public static readonly ConformanceCase ExportImportRoundtrip = new(
        ConformanceCaseNames.ExportImportRoundtrip,
        "ExportDisk of a VM's primary disk returns its SHA-256 (the same on repeat); ImportDisk of that URL with verify_checksum succeeds with the same checksum, is idempotent by target name, and refuses a wrong expected checksum. Skipped when supports_disk_export/import are false and the RPCs are refused.",
        RoundtripAsync);

    private static async Task<CaseVerdict> RoundtripAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var capabilities = await context.CapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        var transfer = context.Fixture.DiskTransfer;
        var vm = await context.CreateVmAsync("disk", cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(vm, PowerOp.Off, PowerCases.Off, cancellationToken).ConfigureAwait(false);
        var exportName = context.Name("export");

        if (!capabilities.SupportsDiskExport || !capabilities.SupportsDiskImport)
        {
            var absent = new List<string>();
            CaseVerdict verdict = default;
            if (!capabilities.SupportsDiskExport)
            {
                verdict = await context.SkipWhenRefusedAsync(
                    "supports_disk_export is false",
                    $"ExportDisk of {vm}",
                    () => context.Client.ExportDiskAsync(NewExport(transfer, vm, transfer.UrlFor(exportName, "qcow2"), "qcow2"), cancellationToken: cancellationToken))
                    .ConfigureAwait(false);
                absent.Add(verdict.Message);
            }

            if (!capabilities.SupportsDiskImport)
            {
                verdict = await context.SkipWhenRefusedAsync(
                    "supports_disk_import is false",
                    $"ImportDisk of {transfer.UrlFor(exportName, "qcow2")}",
                    () => context.Client.ImportDiskAsync(
                        NewImport(transfer, transfer.UrlFor(exportName, "qcow2"), "qcow2", context.Name("import-absent"), checksum: null), cancellationToken: cancellationToken))
                    .ConfigureAwait(false);
                absent.Add(verdict.Message);
            }

            return CaseVerdict.Skip(string.Join("; ", absent));
        }

        var format = FormatPreference.FirstOrDefault(f => capabilities.SupportedExportFormats.Contains(f) && capabilities.SupportedImportFormats.Contains(f));
        Check(
            format is not null,
            $"no disk format is both exportable ({string.Join(", ", capabilities.SupportedExportFormats)}) and importable ({string.Join(", ", capabilities.SupportedImportFormats)})");
        CheckBackend(transfer.BackendType, capabilities.SupportedExportBackends, "export");
        CheckBackend(transfer.BackendType, capabilities.SupportedImportBackends, "import");

        var source = await context.Client.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = vm }, cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"GetDiskInfo {vm} → disk_id \"{source.DiskId}\" format \"{source.Format}\" virtual_size_bytes {source.VirtualSizeBytes}");
        Check(source.VirtualSizeBytes > 0, $"GetDiskInfo of {vm}'s primary disk reports virtual_size_bytes {source.VirtualSizeBytes}");

        var url = transfer.UrlFor(exportName, format!);
        var checksum = await ExportAsync(context, transfer, vm, url, format!, cancellationToken).ConfigureAwait(false);
        var repeated = await ExportAsync(context, transfer, vm, url, format!, cancellationToken).ConfigureAwait(false);
        Check(repeated == checksum, $"exporting the unchanged disk of {vm} twice gave checksums {checksum} and {repeated}");

        var importName = context.Name("import");
        var imported = await ImportAsync(context, transfer, url, format!, importName, checksum, cancellationToken).ConfigureAwait(false);
        var importedAgain = await ImportAsync(context, transfer, url, format!, importName, checksum, cancellationToken).ConfigureAwait(false);
        Check(
            importedAgain.DiskId == imported.DiskId && importedAgain.Path == imported.Path,
            $"ImportDisk to the existing {importName} returned disk \"{importedAgain.DiskId}\" at \"{importedAgain.Path}\", the first \"{imported.DiskId}\" at \"{imported.Path}\"");

        // The checksum must actually be checked: a wrong expected value is refused at the call or by the task.
        var badName = context.Name("import-bad");
        try
        {
            var bad = await context.Client.ImportDiskAsync(NewImport(transfer, url, format!, badName, WrongChecksum), cancellationToken: cancellationToken).ConfigureAwait(false);
            context.Step($"ImportDisk {badName} with a wrong expected_checksum → OK{TaskSuffix(bad.Task)}");
            var error = await context.AwaitTaskOutcomeAsync(bad.Task, $"ImportDisk {badName}", cancellationToken).ConfigureAwait(false);
            Check(error is not null, $"ImportDisk {badName} with verify_checksum and a wrong expected_checksum succeeded");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            context.Step($"ImportDisk {badName} with a wrong expected_checksum → {e.StatusCode} {Quote(e.Status.Detail)} (expected)");
        }
        catch (RpcException e)
        {
            throw new ConformanceCaseFailedException(
                $"ImportDisk {badName} with a wrong expected_checksum answered {e.StatusCode} ({Quote(e.Status.Detail)}), want FAILED_PRECONDITION");
        }

        return CaseVerdict.Pass();
    }

    private static void CheckBackend(string backend, IReadOnlyCollection<string> advertised, string direction)
    {
        // An empty backend means legacy pvc, and an empty list means "pvc only".
        var effective = backend.Length == 0 ? "pvc" : backend;
        IReadOnlyCollection<string> supported = advertised.Count == 0 ? ["pvc"] : advertised;
        Check(
            supported.Contains(effective),
            $"the inputs' diskTransfer.backendType \"{backend}\" is not among the provider's {direction} backends ({string.Join(", ", supported)}); set diskTransfer in the inputs");
    }

    private static ExportDiskRequest NewExport(ConformanceDiskTransferInput transfer, string vm, string url, string format)
    {
        var request = new ExportDiskRequest
        {
            VmId = vm,
            DestinationUrl = url,
            Format = format,
            BackendType = transfer.BackendType,
            TransferMode = transfer.TransferMode,
            StorageOptionsJson = FixturePayloads.StorageOptionsJson(transfer.StorageOptions),
        };
        foreach (var (key, value) in transfer.Credentials)
        {
            request.Credentials[key] = value;
        }
        return request;
    }

    private static ImportDiskRequest NewImport(ConformanceDiskTransferInput transfer, string url, string format, string targetName, string? checksum)
    {
        var request = new ImportDiskRequest
        {
            SourceUrl = url,
            Format = format,
            TargetName = targetName,
            VerifyChecksum = checksum is not null,
            ExpectedChecksum = checksum ?? "",
            BackendType = transfer.BackendType,
            TransferMode = transfer.TransferMode,
            StorageOptionsJson = FixturePayloads.StorageOptionsJson(transfer.StorageOptions),
        };
        foreach (var (key, value) in transfer.Credentials)
        {
            request.Credentials[key] = value;
        }
        return request;
    }

    private static async Task<string> ExportAsync(
        ConformanceContext context, ConformanceDiskTransferInput transfer, string vm, string url, string format, CancellationToken cancellationToken)
    {
        var response = await context.Client.ExportDiskAsync(NewExport(transfer, vm, url, format), cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"ExportDisk {vm} → {url} ({format}) → export_id \"{response.ExportId}\" checksum \"{response.Checksum}\" estimated_size_bytes {response.EstimatedSizeBytes}{TaskSuffix(response.Task)}");
        await context.AwaitTaskAsync(response.Task, $"ExportDisk of {vm}", cancellationToken).ConfigureAwait(false);
        Check(Sha256Hex().IsMatch(response.Checksum), $"ExportDisk of {vm} returned checksum \"{response.Checksum}\", want 64 lowercase hex digits (SHA-256)");
        return response.Checksum;
    }

    private static async Task<ImportDiskResponse> ImportAsync(
        ConformanceContext context, ConformanceDiskTransferInput transfer, string url, string format, string targetName, string checksum, CancellationToken cancellationToken)
    {
        var response = await context.Client.ImportDiskAsync(NewImport(transfer, url, format, targetName, checksum), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        context.Step($"ImportDisk {url} → {targetName} → disk_id \"{response.DiskId}\" path \"{response.Path}\" checksum \"{response.Checksum}\" actual_size_bytes {response.ActualSizeBytes}{TaskSuffix(response.Task)}");
        await context.AwaitTaskAsync(response.Task, $"ImportDisk to {targetName}", cancellationToken).ConfigureAwait(false);
        Check(response.DiskId.Length > 0 || response.Path.Length > 0, $"ImportDisk to {targetName} returned neither disk_id nor path");
        Check(
            response.Checksum.Length == 0 || response.Checksum == checksum,
            $"ImportDisk to {targetName} reports checksum {response.Checksum}, the export {checksum}");
        return response;
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();
}

using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>GetCapabilitiesResponse → <c>status.reportedCapabilities</c>, field for field (upstream's mirror). Pure.</summary>
public static class ProviderCapabilitiesMapping
{
    /// <summary>The status form of <paramref name="capabilities"/>; empty lists become absent.</summary>
    public static ProviderReportedCapabilities ToStatus(GetCapabilitiesResponse capabilities) => new()
    {
        SupportsReconfigureOnline = capabilities.SupportsReconfigureOnline,
        SupportsDiskExpansionOnline = capabilities.SupportsDiskExpansionOnline,
        SupportsSnapshots = capabilities.SupportsSnapshots,
        SupportsMemorySnapshots = capabilities.SupportsMemorySnapshots,
        SupportsLinkedClones = capabilities.SupportsLinkedClones,
        SupportsImageImport = capabilities.SupportsImageImport,
        SupportedDiskTypes = List(capabilities.SupportedDiskTypes),
        SupportedNetworkTypes = List(capabilities.SupportedNetworkTypes),
        SupportsDiskExport = capabilities.SupportsDiskExport,
        SupportsDiskImport = capabilities.SupportsDiskImport,
        SupportedExportFormats = List(capabilities.SupportedExportFormats),
        SupportedImportFormats = List(capabilities.SupportedImportFormats),
        SupportsExportCompression = capabilities.SupportsExportCompression,
        SupportedExportBackends = List(capabilities.SupportedExportBackends),
        SupportedImportBackends = List(capabilities.SupportedImportBackends),
        SupportedTransferModes = List(capabilities.SupportedTransferModes),
    };

    private static IReadOnlyList<string>? List(IReadOnlyCollection<string> values) => values.Count == 0 ? null : [.. values];
}

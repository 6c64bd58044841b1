using VirtRigaud.Grpc;
using VirtRigaud.Grpc.Health.V1;
using static VirtRigaud.Provider.Conformance.ConformanceContext;
using ServingStatus = VirtRigaud.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VirtRigaud.Provider.Conformance.Cases;

/// <summary>validate and capabilities: the read-only identity of a provider (CSI's identity service).</summary>
internal static class IdentityCases
{
    /// <summary>The health service name every provider registers (upstream SDK).</summary>
    public const string HealthServiceName = "provider";

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthCheck =
        Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Check");

    private static readonly HashSet<string> DiskFormats = new(StringComparer.Ordinal) { "qcow2", "vmdk", "raw" };
    private static readonly HashSet<string> Backends = new(StringComparer.Ordinal) { "pvc", "nfs", "s3" };
    private static readonly HashSet<string> TransferModes = new(StringComparer.Ordinal) { "auto", "relay", "direct" };

    public static readonly ConformanceCase Validate = new(
        ConformanceCaseNames.Validate,
        "Validate answers ok=true, and grpc.health.v1 reports the \"provider\" service SERVING.",
        ValidateAsync);

    public static readonly ConformanceCase Capabilities = new(
        ConformanceCaseNames.Capabilities,
        "GetCapabilities is stable across calls and self-consistent (memory snapshots imply snapshots, export/import imply formats, known backends and transfer modes, no duplicates).",
        CapabilitiesAsync);

    private static async Task<CaseVerdict> ValidateAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var response = await context.Client.ValidateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"Validate → ok={Lower(response.Ok)} message={Quote(response.Message)}");
        Check(response.Ok, $"Validate answered ok=false: {Quote(response.Message)}");

        // Validate is read-only: a second call answers the same.
        var again = await context.Client.ValidateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        Check(again.Ok, $"a second Validate answered ok=false: {Quote(again.Message)}");

        if (context.Invoker is null)
        {
            return CaseVerdict.Pass("grpc.health.v1 not checked: the runner was given no call invoker");
        }

        var options = new CallOptions(CancellationToken: cancellationToken).WithDeadline(context.Client.Options.Deadlines.Validate, context.Time);
        using var call = context.Invoker.AsyncUnaryCall(HealthCheck, new HealthCheckRequest { Service = HealthServiceName }, options);
        HealthCheckResponse health;
        try
        {
            health = await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw new ConformanceCaseFailedException(
                $"grpc.health.v1 Check(\"{HealthServiceName}\") answered {e.StatusCode} ({Quote(e.Status.Detail)}); providers register the \"{HealthServiceName}\" health service");
        }

        context.Step($"grpc.health.v1.Health/Check \"{HealthServiceName}\" → {health.Status}");
        Check(health.Status == ServingStatus.Serving, $"grpc.health.v1 reports \"{HealthServiceName}\" {health.Status}, want SERVING");
        return CaseVerdict.Pass();
    }

    private static async Task<CaseVerdict> CapabilitiesAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var first = await context.CapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        var second = await context.Client.GetCapabilitiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        Check(first.Equals(second), $"GetCapabilities changed between two calls: {first} then {second}");

        // Collected rather than thrown one by one, so that a provider author sees every inconsistency at once.
        var problems = new List<string>();
        if (first.SupportsMemorySnapshots && !first.SupportsSnapshots)
        {
            problems.Add("supports_memory_snapshots without supports_snapshots");
        }

        CheckFormats(problems, "export", first.SupportsDiskExport, first.SupportedExportFormats);
        CheckFormats(problems, "import", first.SupportsDiskImport, first.SupportedImportFormats);
        if (first.SupportsExportCompression && !first.SupportsDiskExport)
        {
            problems.Add("supports_export_compression without supports_disk_export");
        }

        CheckValues(problems, "supported_export_backends", first.SupportedExportBackends, Backends);
        CheckValues(problems, "supported_import_backends", first.SupportedImportBackends, Backends);
        CheckValues(problems, "supported_transfer_modes", first.SupportedTransferModes, TransferModes);
        CheckDistinct(problems, "supported_disk_types", first.SupportedDiskTypes);
        CheckDistinct(problems, "supported_network_types", first.SupportedNetworkTypes);
        if (!first.SupportsDiskExport && first.SupportedExportBackends.Count > 0)
        {
            problems.Add("supported_export_backends listed without supports_disk_export");
        }

        if (!first.SupportsDiskImport && first.SupportedImportBackends.Count > 0)
        {
            problems.Add("supported_import_backends listed without supports_disk_import");
        }

        Check(problems.Count == 0, "inconsistent capabilities: " + string.Join("; ", problems));
        return CaseVerdict.Pass();
    }

    private static void CheckFormats(List<string> problems, string direction, bool supported, IReadOnlyCollection<string> formats)
    {
        if (supported && formats.Count == 0)
        {
            problems.Add($"supports_disk_{direction} without any supported_{direction}_formats");
        }

        if (!supported && formats.Count > 0)
        {
            problems.Add($"supported_{direction}_formats listed without supports_disk_{direction}");
        }

        CheckValues(problems, $"supported_{direction}_formats", formats, DiskFormats);
    }

    private static void CheckValues(List<string> problems, string field, IReadOnlyCollection<string> values, HashSet<string> known)
    {
        foreach (var value in values.Where(v => !known.Contains(v)))
        {
            problems.Add($"{field} holds \"{value}\", not one of {string.Join(", ", known.Order(StringComparer.Ordinal))}");
        }

        CheckDistinct(problems, field, values);
    }

    private static void CheckDistinct(List<string> problems, string field, IReadOnlyCollection<string> values)
    {
        foreach (var duplicate in values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{field} lists \"{duplicate.Key}\" {duplicate.Count()} times");
        }
    }
}

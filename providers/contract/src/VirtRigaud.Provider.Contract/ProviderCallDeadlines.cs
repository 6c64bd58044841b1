namespace VirtRigaud.Provider.Contract;

/// <summary>
/// The deadline <see cref="ProviderClient"/> gives each RPC unless a call overrides it. The defaults of the 18 upstream
/// RPCs are the upstream manager's (<c>internal/transport/grpc/client.go</c>); HardwareUpgrade, which the upstream
/// manager never calls, gets Reconfigure's. Immutable; set the properties to override. (A class, not a record: a record
/// may not have a member named Clone.)
/// </summary>
public sealed class ProviderCallDeadlines
{
    /// <summary>The upstream values.</summary>
    public static readonly ProviderCallDeadlines Default = new();

    public TimeSpan Validate { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Create { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan Delete { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan Power { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan Reconfigure { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan HardwareUpgrade { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan Describe { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan TaskStatus { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan SnapshotCreate { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan SnapshotDelete { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan SnapshotRevert { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan Clone { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan ImagePrepare { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan GetCapabilities { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ExportDisk { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan ImportDisk { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan GetDiskInfo { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan ListVMs { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Our addition: how long one WatchTask follows a task (also when it falls back to polling TaskStatus). An hour, the
    /// bound the upstream migration controller puts around a disk export.
    /// </summary>
    public TimeSpan WatchTask { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Our addition: the longest a console session may stay open; callers usually end it much earlier.</summary>
    public TimeSpan ConsoleStream { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Every deadline by RPC name, for validation and diagnostics.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ToDictionary() => new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        [nameof(Validate)] = Validate,
        [nameof(Create)] = Create,
        [nameof(Delete)] = Delete,
        [nameof(Power)] = Power,
        [nameof(Reconfigure)] = Reconfigure,
        [nameof(HardwareUpgrade)] = HardwareUpgrade,
        [nameof(Describe)] = Describe,
        [nameof(TaskStatus)] = TaskStatus,
        [nameof(SnapshotCreate)] = SnapshotCreate,
        [nameof(SnapshotDelete)] = SnapshotDelete,
        [nameof(SnapshotRevert)] = SnapshotRevert,
        [nameof(Clone)] = Clone,
        [nameof(ImagePrepare)] = ImagePrepare,
        [nameof(GetCapabilities)] = GetCapabilities,
        [nameof(ExportDisk)] = ExportDisk,
        [nameof(ImportDisk)] = ImportDisk,
        [nameof(GetDiskInfo)] = GetDiskInfo,
        [nameof(ListVMs)] = ListVMs,
        [nameof(WatchTask)] = WatchTask,
        [nameof(ConsoleStream)] = ConsoleStream,
    };
}

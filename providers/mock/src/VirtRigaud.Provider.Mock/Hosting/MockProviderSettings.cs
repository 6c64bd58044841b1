using System.Globalization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.Hypervisor;

namespace VirtRigaud.Provider.Mock.Hosting;

/// <summary>
/// The mock's own settings, from its flags and <c>VIRTRIGAUD_MOCK_*</c> variables (a flag wins over its variable):
/// <code>
/// flag                          variable                                default
/// --data-dir                    VIRTRIGAUD_MOCK_DATA_DIR                /tmp/virtrigaud-mock
/// --state-file                  VIRTRIGAUD_MOCK_STATE_FILE              (none: state in memory)
/// --migration-storage-root      VIRTRIGAUD_MOCK_MIGRATION_STORAGE_ROOT  /mnt/migration-storage
/// --task-duration               VIRTRIGAUD_MOCK_TASK_DURATION           0s (synchronous, no TaskRefs)
/// --task-durations              VIRTRIGAUD_MOCK_TASK_DURATIONS          (none) e.g. Power=5s,ExportDisk=1m
/// --guest-shutdown-duration     VIRTRIGAUD_MOCK_GUEST_SHUTDOWN_DURATION 0s
/// --disable-capabilities        VIRTRIGAUD_MOCK_DISABLE_CAPABILITIES    (none) e.g. snapshots,linked-clones
/// --templates                   VIRTRIGAUD_MOCK_TEMPLATES               (none) e.g. ubuntu-22.04,centos-9
/// --max-vms                     VIRTRIGAUD_MOCK_MAX_VMS                 1000
/// --faults                      VIRTRIGAUD_MOCK_FAULTS                  (none) inline fault JSON
/// --faults-file                 VIRTRIGAUD_MOCK_FAULTS_FILE             (none) watched fault JSON file
/// --faults-reload-interval      VIRTRIGAUD_MOCK_FAULTS_RELOAD_INTERVAL  2s
/// </code>
/// Durations are Go durations (<c>1m30s</c>, <c>500ms</c>). Immutable.
/// </summary>
public sealed record MockProviderSettings
{
    /// <summary>The default data directory (pods have a writable /tmp).</summary>
    public const string DefaultDataDirectory = "/tmp/virtrigaud-mock";

    public string DataDirectory { get; init; } = DefaultDataDirectory;

    public string? StateFile { get; init; }

    public string MigrationStorageRoot { get; init; } = "/mnt/migration-storage";

    public TimeSpan TaskDuration { get; init; } = TimeSpan.Zero;

    public IReadOnlyDictionary<string, TimeSpan> OperationDurations { get; init; } = new Dictionary<string, TimeSpan>();

    public TimeSpan GuestShutdownDuration { get; init; } = TimeSpan.Zero;

    public IReadOnlyList<string> DisabledCapabilities { get; init; } = [];

    public IReadOnlyList<string> Templates { get; init; } = [];

    public int MaxVms { get; init; } = 1000;

    public MockFaultConfiguration? Faults { get; init; }

    public string? FaultsFile { get; init; }

    public TimeSpan FaultsReloadInterval { get; init; } = FaultsFileOptions.DefaultReloadInterval;

    /// <summary>The hypervisor options these settings describe. Pure.</summary>
    /// <exception cref="ArgumentException">An unknown capability name.</exception>
    public MockHypervisorOptions ToHypervisorOptions() => new()
    {
        DataDirectory = DataDirectory,
        StateFile = StateFile,
        MigrationStorageRoot = MigrationStorageRoot,
        TaskDuration = TaskDuration,
        OperationDurations = OperationDurations,
        GuestShutdownDuration = GuestShutdownDuration,
        Capabilities = new MockCapabilities().Disable(DisabledCapabilities),
        Templates = Templates,
        MaxVms = MaxVms,
    };

    /// <summary>The fault sources these settings describe. Pure.</summary>
    public FaultsFileOptions ToFaultsFileOptions() => new() { Path = FaultsFile, Inline = Faults, ReloadInterval = FaultsReloadInterval };

    /// <summary>Parses a Go duration that is not negative. Pure.</summary>
    internal static bool TryParseDuration(string text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        if (!Duration.TryParse(text.Trim(), out var duration, out error))
        {
            return false;
        }

        if (duration.Value < TimeSpan.Zero)
        {
            error = $"duration \"{text}\" is negative";
            return false;
        }

        value = duration.Value;
        return true;
    }

    /// <summary>Parses <c>Op=duration,Op=duration</c>. Pure.</summary>
    internal static bool TryParseDurations(string text, out Dictionary<string, TimeSpan> values, out string error)
    {
        values = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        error = "";
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"\"{item}\" is not Operation=duration";
                return false;
            }

            var operation = item[..equals].Trim();
            if (!MockOperations.All.Contains(operation))
            {
                error = $"unknown operation \"{operation}\" (known: {string.Join(", ", MockOperations.All.Order(StringComparer.Ordinal))})";
                return false;
            }

            if (!TryParseDuration(item[(equals + 1)..], out var duration, out error))
            {
                return false;
            }

            values[operation] = duration;
        }

        return true;
    }

    /// <summary>Splits a comma list into trimmed, non-empty items. Pure.</summary>
    internal static IReadOnlyList<string> SplitList(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static bool TryParseMaxVms(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
}

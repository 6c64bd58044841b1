namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>How the in-memory hypervisor behaves. Validated once at start (<see cref="Validate"/>). Immutable.</summary>
public sealed record MockHypervisorOptions
{
    /// <summary>The upstream manager's graceful shutdown bound (it always sends 60 s); used when a request says 0.</summary>
    public static readonly TimeSpan UpstreamGracefulShutdownTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Where prepared images and imported disks are stored (real files). Created at start.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The root <c>pvc://&lt;claim&gt;/&lt;path&gt;</c> URLs resolve under, as in upstream provider pods.</summary>
    public string MigrationStorageRoot { get; init; } = "/mnt/migration-storage";

    /// <summary>Where the state is persisted (<c>--state-file</c>), or <c>null</c> to keep it in memory only.</summary>
    public string? StateFile { get; init; }

    /// <summary>How long every task runs. Zero (the default) makes every operation synchronous: no TaskRef, as libvirt does.</summary>
    public TimeSpan TaskDuration { get; init; } = TimeSpan.Zero;

    /// <summary>Per-RPC overrides of <see cref="TaskDuration"/>, keyed by RPC name (Create, Power, ExportDisk, …).</summary>
    public IReadOnlyDictionary<string, TimeSpan> OperationDurations { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>How long a guest takes to shut down when asked through its tools; past the request's timeout it is powered off hard.</summary>
    public TimeSpan GuestShutdownDuration { get; init; } = TimeSpan.Zero;

    /// <summary>Primary disk size when neither the class nor an image gives one.</summary>
    public int DefaultDiskSizeGiB { get; init; } = 10;

    /// <summary>Capacity: Create and Clone beyond it answer RESOURCE_EXHAUSTED.</summary>
    public int MaxVms { get; init; } = 1000;

    /// <summary>Finished tasks are forgotten this long after they finish (TaskStatus then answers NOT_FOUND).</summary>
    public TimeSpan TaskRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>At most this many finished tasks are kept; the oldest go first.</summary>
    public int MaxRetainedTasks { get; init; } = 1000;

    /// <summary>Template names that exist from the start (a vSphere/Proxmox-style template catalogue for ImagePrepare and Create).</summary>
    public IReadOnlyList<string> Templates { get; init; } = [];

    /// <summary>Virtual size of the registered templates.</summary>
    public int TemplateSizeGiB { get; init; } = 10;

    public MockCapabilities Capabilities { get; init; } = new();

    /// <summary>Host in the console URLs (<c>vnc://&lt;host&gt;:&lt;port&gt;</c>).</summary>
    public string ConsoleHost { get; init; } = "127.0.0.1";

    /// <summary>VNC port of display 0; running VMs get the lowest free display, as libvirt's autoport does.</summary>
    public int VncBasePort { get; init; } = 5900;

    /// <summary>Time budget of an ImagePrepare HTTP download when the image spec names none.</summary>
    public TimeSpan DefaultDownloadTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often WatchTask reports progress of a running task.</summary>
    public TimeSpan WatchProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The task duration of <paramref name="operation"/>. Pure.</summary>
    public TimeSpan DurationOf(string operation) =>
        OperationDurations.TryGetValue(operation, out var duration) ? duration : TaskDuration;

    /// <summary>Every problem with these options (empty when valid). Pure.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add("the data directory must be set");
        }

        if (string.IsNullOrWhiteSpace(MigrationStorageRoot) || !Path.IsPathFullyQualified(MigrationStorageRoot))
        {
            errors.Add("the migration storage root must be an absolute path");
        }

        if (TaskDuration < TimeSpan.Zero || GuestShutdownDuration < TimeSpan.Zero)
        {
            errors.Add("durations cannot be negative");
        }

        foreach (var (operation, duration) in OperationDurations)
        {
            if (!MockOperations.All.Contains(operation))
            {
                errors.Add($"unknown operation \"{operation}\" in the task durations (known: {string.Join(", ", MockOperations.All)})");
            }
            else if (duration < TimeSpan.Zero)
            {
                errors.Add($"the task duration of {operation} cannot be negative");
            }
        }

        if (DefaultDiskSizeGiB < 1 || TemplateSizeGiB < 1)
        {
            errors.Add("disk sizes must be at least 1 GiB");
        }

        if (MaxVms < 1 || MaxRetainedTasks < 1)
        {
            errors.Add("MaxVms and MaxRetainedTasks must be at least 1");
        }

        if (TaskRetention <= TimeSpan.Zero || WatchProgressInterval <= TimeSpan.Zero || DefaultDownloadTimeout <= TimeSpan.Zero)
        {
            errors.Add("the task retention, watch interval and download timeout must be positive");
        }

        if (VncBasePort is < 1 or > 65535)
        {
            errors.Add("the VNC base port must be a TCP port");
        }

        foreach (var template in Templates)
        {
            if (!Naming.IsValidName(template))
            {
                errors.Add($"template name \"{template}\" is not valid");
            }
        }

        return errors;
    }
}

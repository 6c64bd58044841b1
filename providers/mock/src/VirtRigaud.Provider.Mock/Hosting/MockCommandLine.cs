using System.CommandLine;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Mock.Hosting;

/// <summary>
/// Reads the mock's own flags (<see cref="MockProviderSettings"/>) and leaves every other token to the SDK's command
/// line (<c>--port</c>, <c>--health-port</c>, …), which still rejects unknown flags with exit code 2. Values come from
/// a flag, else its <c>VIRTRIGAUD_MOCK_*</c> variable, else the default. Pure apart from reading the environment given.
/// </summary>
public static class MockCommandLine
{
    /// <summary>Splits and reads <paramref name="args"/>.</summary>
    public static MockCommandLineResult Parse(string[] args, ProviderEnvironment environment)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Where prepared images and imported disks are stored (real files)." };
        var stateFile = new Option<string>("--state-file") { Description = "Persist VMs, snapshots, images and tasks to this JSON file; a restarted mock keeps them." };
        var migrationRoot = new Option<string>("--migration-storage-root") { Description = "Directory pvc://<claim>/<path> URLs resolve under." };
        var taskDuration = new Option<string>("--task-duration") { Description = "How long each operation's task runs (Go duration); 0s = synchronous, no TaskRef (as libvirt)." };
        var taskDurations = new Option<string>("--task-durations") { Description = "Per-RPC task durations, e.g. Power=5s,ExportDisk=1m." };
        var guestShutdown = new Option<string>("--guest-shutdown-duration") { Description = "How long a guest takes to shut down gracefully (forced off after the request's timeout)." };
        var disable = new Option<string>("--disable-capabilities") { Description = $"Capabilities to switch off: {string.Join(", ", MockCapabilities.SwitchNames)}." };
        var templates = new Option<string>("--templates") { Description = "Template names that exist from the start, comma separated." };
        var maxVms = new Option<string>("--max-vms") { Description = "Capacity: more VMs answer RESOURCE_EXHAUSTED." };
        var faults = new Option<string>("--faults") { Description = "Inline fault-injection JSON (see README)." };
        var faultsFile = new Option<string>("--faults-file") { Description = "Fault-injection JSON file, re-read when it changes." };
        var faultsReload = new Option<string>("--faults-reload-interval") { Description = "How often the fault file is re-read (Go duration)." };
        var root = new RootCommand("virtrigaud-provider-mock flags") { TreatUnmatchedTokensAsErrors = false };
        foreach (var option in new[] { dataDir, stateFile, migrationRoot, taskDuration, taskDurations, guestShutdown, disable, templates, maxVms, faults, faultsFile, faultsReload })
        {
            root.Options.Add(option);
        }

        var parse = root.Parse(args);
        var errors = parse.Errors.Select(e => e.Message).ToList();
        var help = args.Any(a => a is "--help" or "-h" or "-?");
        string? Value(Option<string> option, string variable) =>
            parse.GetValue(option) is { } flag ? flag : environment.GetNonEmpty(variable);

        var settings = new MockProviderSettings();
        if (Value(dataDir, "VIRTRIGAUD_MOCK_DATA_DIR") is { } data)
        {
            settings = settings with { DataDirectory = data };
        }

        if (Value(stateFile, "VIRTRIGAUD_MOCK_STATE_FILE") is { } state)
        {
            settings = settings with { StateFile = state };
        }

        if (Value(migrationRoot, "VIRTRIGAUD_MOCK_MIGRATION_STORAGE_ROOT") is { } root2)
        {
            settings = settings with { MigrationStorageRoot = root2 };
        }

        if (Value(taskDuration, "VIRTRIGAUD_MOCK_TASK_DURATION") is { } duration)
        {
            if (MockProviderSettings.TryParseDuration(duration, out var value, out var error))
            {
                settings = settings with { TaskDuration = value };
            }
            else
            {
                errors.Add($"--task-duration: {error}");
            }
        }

        if (Value(taskDurations, "VIRTRIGAUD_MOCK_TASK_DURATIONS") is { } durations)
        {
            if (MockProviderSettings.TryParseDurations(durations, out var values, out var error))
            {
                settings = settings with { OperationDurations = values };
            }
            else
            {
                errors.Add($"--task-durations: {error}");
            }
        }

        if (Value(guestShutdown, "VIRTRIGAUD_MOCK_GUEST_SHUTDOWN_DURATION") is { } shutdown)
        {
            if (MockProviderSettings.TryParseDuration(shutdown, out var value, out var error))
            {
                settings = settings with { GuestShutdownDuration = value };
            }
            else
            {
                errors.Add($"--guest-shutdown-duration: {error}");
            }
        }

        if (Value(disable, "VIRTRIGAUD_MOCK_DISABLE_CAPABILITIES") is { } disabled)
        {
            var names = MockProviderSettings.SplitList(disabled);
            try
            {
                new MockCapabilities().Disable(names);
                settings = settings with { DisabledCapabilities = names };
            }
            catch (ArgumentException e)
            {
                errors.Add($"--disable-capabilities: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        if (Value(templates, "VIRTRIGAUD_MOCK_TEMPLATES") is { } names2)
        {
            settings = settings with { Templates = MockProviderSettings.SplitList(names2) };
        }

        if (Value(maxVms, "VIRTRIGAUD_MOCK_MAX_VMS") is { } max)
        {
            if (MockProviderSettings.TryParseMaxVms(max, out var value))
            {
                settings = settings with { MaxVms = value };
            }
            else
            {
                errors.Add($"--max-vms: \"{max}\" is not a positive integer");
            }
        }

        if (Value(faults, "VIRTRIGAUD_MOCK_FAULTS") is { } inline)
        {
            try
            {
                settings = settings with { Faults = MockFaultConfiguration.Parse(inline) };
            }
            catch (FormatException e)
            {
                errors.Add($"--faults: {e.Message}");
            }
        }

        if (Value(faultsFile, "VIRTRIGAUD_MOCK_FAULTS_FILE") is { } file)
        {
            settings = settings with { FaultsFile = file };
        }

        if (Value(faultsReload, "VIRTRIGAUD_MOCK_FAULTS_RELOAD_INTERVAL") is { } reload)
        {
            if (MockProviderSettings.TryParseDuration(reload, out var value, out var error) && value > TimeSpan.Zero)
            {
                settings = settings with { FaultsReloadInterval = value };
            }
            else
            {
                errors.Add($"--faults-reload-interval: {(error.Length > 0 ? error : "must be positive")}");
            }
        }

        var optionsErrors = errors.Count == 0 ? settings.ToHypervisorOptions().Validate() : [];
        errors.AddRange(optionsErrors);
        return new MockCommandLineResult(settings, [.. parse.UnmatchedTokens], errors, help ? root : null);
    }
}

using System.Globalization;
using VirtRigaud.TestPeers;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>
/// One system under test's files and ports: a temporary working directory (what a user's shell would be in, with
/// <c>examples/</c> linked to the repository's) holding the data directory <c>.virtrigaud/</c>, and free loopback ports
/// for the API server and the manager's metrics and health endpoints. The environment passes them to hack/run.sh,
/// which runs this test project's build configuration without building. Immutable.
/// </summary>
public sealed class SystemSettings
{
    private SystemSettings(string workDirectory, int apiPort, int metricsPort, int healthPort, string managerArgs)
    {
        WorkDirectory = workDirectory;
        ApiPort = apiPort;
        MetricsPort = metricsPort;
        HealthPort = healthPort;
        Environment = new Dictionary<string, string>
        {
            ["VIRTRIGAUD_DATA_DIR"] = DataDirectory,
            ["VIRTRIGAUD_PORT"] = apiPort.ToString(CultureInfo.InvariantCulture),
            ["VIRTRIGAUD_METRICS_PORT"] = metricsPort.ToString(CultureInfo.InvariantCulture),
            ["VIRTRIGAUD_HEALTH_PORT"] = healthPort.ToString(CultureInfo.InvariantCulture),
            ["VIRTRIGAUD_MANAGER_ARGS"] = managerArgs,
            ["VIRTRIGAUD_BUILD"] = "0",
            ["VIRTRIGAUD_CONFIGURATION"] = RepositoryPaths.Configuration,
            // The processes under test log at their defaults; make's own chatter is not wanted.
            ["MAKEFLAGS"] = "--no-print-directory",
        };
    }

    /// <summary>The temporary directory commands run in; removed by <see cref="Delete"/>.</summary>
    public string WorkDirectory { get; }

    /// <summary><c>&lt;work&gt;/.virtrigaud</c>: store, certificates, kubeconfig, manager state.</summary>
    public string DataDirectory => Path.Combine(WorkDirectory, ".virtrigaud");

    /// <summary>The admin kubeconfig the API server writes.</summary>
    public string KubeconfigPath => Path.Combine(DataDirectory, "kubeconfig");

    /// <summary>The API server's HTTPS port.</summary>
    public int ApiPort { get; }

    /// <summary>The manager's <c>/metrics</c> port on 127.0.0.1.</summary>
    public int MetricsPort { get; }

    /// <summary>The manager's <c>/healthz</c> and <c>/readyz</c> port on 127.0.0.1.</summary>
    public int HealthPort { get; }

    /// <summary>The environment hack/run.sh (and <c>make run</c>) gets.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>A fresh working directory and free ports; <paramref name="managerArgs"/> are extra manager flags.</summary>
    public static SystemSettings Create(string managerArgs = "")
    {
        var work = Directory.CreateTempSubdirectory("virtrigaud-e2e-").FullName;
        Directory.CreateSymbolicLink(Path.Combine(work, "examples"), RepositoryPaths.Examples);
        var ports = FreePorts.Take(3);
        return new SystemSettings(work, ports[0], ports[1], ports[2], managerArgs);
    }

    /// <summary>The state file (mock-state.json, where the manager keeps it) of the Local mock provider <paramref name="namespace"/>/<paramref name="name"/> the manager runs.</summary>
    public MockProviderState MockProvider(string @namespace, string name) =>
        new(Path.Combine(DataDirectory, "manager", "providers", @namespace, name, "mock-state.json"));

    /// <summary>Removes the working directory (best effort: a process that is still writing does not fail the test).</summary>
    public void Delete()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Something is still writing into it; the temporary directory is cleaned by the machine.
        }
    }
}

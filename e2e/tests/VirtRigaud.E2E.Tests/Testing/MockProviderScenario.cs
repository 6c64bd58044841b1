using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>
/// A namespace of its own with a Local mock Provider <c>mock</c> (run by the manager, with a fault-injection file the
/// test rewrites at run time and extra mock settings), a VMClass <c>small</c> and a VMImage <c>ubuntu</c> (a template of
/// the mock), so tests sharing one system do not see each other. Created through kubectl, like a user would.
/// </summary>
public sealed class MockProviderScenario
{
    /// <summary>The Provider's name unless a test chooses another.</summary>
    public const string DefaultProviderName = "mock";

    // The mock re-reads its fault file this often (its default is 2 s); a test waits for effects, never for this.
    private const string FaultsReloadInterval = "200ms";

    private readonly Kubectl _kubectl;

    private MockProviderScenario(string @namespace, string providerName, string faultsFile, Kubectl kubectl, MockProviderState mock)
    {
        Namespace = @namespace;
        ProviderName = providerName;
        FaultsFile = faultsFile;
        _kubectl = kubectl;
        Mock = mock;
    }

    /// <summary>The namespace everything lives in.</summary>
    public string Namespace { get; }

    /// <summary>The Provider's name.</summary>
    public string ProviderName { get; }

    /// <summary>The mock's fault-injection file (providers/mock README: "Failure injection").</summary>
    public string FaultsFile { get; }

    /// <summary>The mock hypervisor's own state.</summary>
    public MockProviderState Mock { get; }

    /// <summary>
    /// Creates the namespace's Secret, Provider (with <paramref name="mockEnvironment"/>: <c>VIRTRIGAUD_MOCK_*</c> settings
    /// such as task durations), class and image, with <paramref name="faults"/> in effect from the start, and waits until
    /// the Provider is available.
    /// </summary>
    public static async Task<MockProviderScenario> CreateAsync(
        SystemSettings settings,
        Kubectl kubectl,
        string @namespace,
        string faults = "{}",
        IReadOnlyDictionary<string, string>? mockEnvironment = null,
        string providerName = DefaultProviderName,
        string? healthCheckInterval = null)
    {
        var faultsFile = Path.Combine(settings.WorkDirectory, $"faults-{@namespace}.json");
        await File.WriteAllTextAsync(faultsFile, faults);
        var env = new Dictionary<string, string>
        {
            ["VIRTRIGAUD_MOCK_TEMPLATES"] = "ubuntu-22.04",
            ["VIRTRIGAUD_MOCK_FAULTS_FILE"] = faultsFile,
            ["VIRTRIGAUD_MOCK_FAULTS_RELOAD_INTERVAL"] = FaultsReloadInterval,
        };
        foreach (var (key, value) in mockEnvironment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var healthCheck = healthCheckInterval is null ? "" : $"healthCheck: {{interval: {healthCheckInterval}, timeout: {healthCheckInterval}}}";
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: mock-credentials
              namespace: {@namespace}
            type: Opaque
            ---
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: Provider
            metadata:
              name: {providerName}
              namespace: {@namespace}
            spec:
              type: mock
              endpoint: https://mock.virtrigaud.invalid
              credentialSecretRef:
                name: mock-credentials
              {healthCheck}
              runtime:
                mode: Local
                service:
                  tls:
                    enabled: true
                env:

            """);
        foreach (var (key, value) in env)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - name: {key}\n        value: \"{value}\"\n");
        }

        yaml.Append(CultureInfo.InvariantCulture, $"""
            ---
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VMClass
            metadata:
              name: small
              namespace: {@namespace}
            spec:
              cpu: 1
              memory: 1Gi
              guestToolsPolicy: install
            ---
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VMImage
            metadata:
              name: ubuntu
              namespace: {@namespace}
            spec:
              source:
                vsphere:
                  templateName: ubuntu-22.04

            """);
        await kubectl.ApplyAsync(yaml.ToString());
        var scenario = new MockProviderScenario(@namespace, providerName, faultsFile, kubectl, settings.MockProvider(@namespace, providerName));
        await scenario.WaitProviderAvailableAsync("True");
        return scenario;
    }

    /// <summary>A VirtualMachine of this namespace on the mock, from the class and image above.</summary>
    public string VmYaml(string name, string powerState = "On") => $"""
        apiVersion: infra.virtrigaud.io/v1beta1
        kind: VirtualMachine
        metadata:
          name: {name}
          namespace: {Namespace}
        spec:
          providerRef:
            name: {ProviderName}
          classRef:
            name: small
          imageRef:
            name: ubuntu
          networks:
            - name: eth0
          powerState: "{powerState}"

        """;

    /// <summary>Applies <see cref="VmYaml"/> for <paramref name="name"/>.</summary>
    public Task CreateVmAsync(string name, string powerState = "On") => _kubectl.ApplyAsync(VmYaml(name, powerState));

    /// <summary>Replaces the fault document (atomically, as a ConfigMap update would); the mock applies it within its reload interval.</summary>
    public async Task SetFaultsAsync(string faults)
    {
        var temporary = FaultsFile + ".tmp";
        await File.WriteAllTextAsync(temporary, faults);
        File.Move(temporary, FaultsFile, overwrite: true);
    }

    /// <summary>Waits for the VM's <c>status.phase</c>.</summary>
    public Task WaitVmPhaseAsync(string name, string phase, TimeSpan? timeout = null) =>
        _kubectl.WaitAsync("vm", name, Namespace, "jsonpath={.status.phase}=" + phase, timeout);

    /// <summary>Reads the VM until <paramref name="predicate"/> holds.</summary>
    public async Task<JsonNode> WaitVmAsync(string name, Func<JsonNode, bool> predicate, string what, TimeSpan? timeout = null) =>
        (await _kubectl.WaitForAsync("vm", name, Namespace, vm => vm is not null && predicate(vm), what, timeout))!;

    /// <summary>Waits until the Provider's <c>ProviderAvailable</c> condition has <paramref name="status"/>; returns the Provider.</summary>
    public async Task<JsonNode> WaitProviderAvailableAsync(string status, TimeSpan? timeout = null) =>
        (await _kubectl.WaitForAsync(
            "provider",
            ProviderName,
            Namespace,
            p => p is not null && Conditions.Status(p, "ProviderAvailable") == status,
            "ProviderAvailable=" + status,
            timeout))!;
}

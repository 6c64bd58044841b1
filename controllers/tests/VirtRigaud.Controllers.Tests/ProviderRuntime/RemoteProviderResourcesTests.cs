using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Core;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.ProviderRuntime;

namespace VirtRigaud.Controllers.Tests.ProviderRuntime;

/// <summary>
/// The Remote Deployment and Service against golden JSON written from API-REFERENCE §3.1 (names, labels, selector,
/// ports, env order, mounts, probes, resources, security context, preStop, volumes). Regenerate nothing: a difference is
/// either a bug here or a deliberate change reviewed against upstream.
/// </summary>
public sealed class RemoteProviderResourcesTests
{
    private static Api.V1Beta1.Provider Provider(ProviderType type, string endpoint, Func<ProviderRuntimeSpec, ProviderRuntimeSpec>? runtime = null, Func<ProviderSpec, ProviderSpec>? spec = null)
    {
        var baseRuntime = new ProviderRuntimeSpec
        {
            Mode = ProviderRuntimeMode.Remote,
            Image = "ghcr.io/projectbeskar/virtrigaud/provider-" + ProviderRuntimeNames.TypeName(type) + ":v0.3.11",
            ImagePullPolicy = "IfNotPresent",
            Replicas = 1,
            Service = new ProviderServiceSpec { Port = 9443, Tls = new ProviderTlsSpec { Enabled = true, SecretRef = new Api.Machinery.Core.LocalObjectReference { Name = "provider-tls" }, InsecureSkipVerify = false } },
            LogLevel = "info",
            LogFormat = "text",
        };
        var baseSpec = new ProviderSpec
        {
            Type = type,
            Endpoint = endpoint,
            CredentialSecretRef = new ObjectRef { Name = "hypervisor-credentials" },
            InsecureSkipVerify = false,
            Runtime = runtime is null ? baseRuntime : runtime(baseRuntime),
        };
        return new Api.V1Beta1.Provider
        {
            Metadata = new ObjectMeta { Namespace = "infra", Name = "prod", Uid = "5f1c6a2e-0d4b-4c51-9a8e-3b1f8d2c7e90", Generation = 3 },
            Spec = spec is null ? baseSpec : spec(baseSpec),
        };
    }

    public static TheoryData<string> Cases => ["vsphere-tls-defaults", "vsphere-plaintext", "proxmox-env-defaults", "libvirt-migration", "overrides"];

    private static Api.V1Beta1.Provider Case(string name) => name switch
    {
        "vsphere-tls-defaults" => Provider(ProviderType.VSphere, "https://vcenter.example.com/sdk"),
        "vsphere-plaintext" => Provider(ProviderType.VSphere, "https://vcenter.example.com/sdk",
            r => r with { Service = new ProviderServiceSpec { Port = 9443, Tls = new ProviderTlsSpec { Enabled = false } } },
            s => s with { InsecureSkipVerify = true }),
        "proxmox-env-defaults" => Provider(ProviderType.Proxmox, "https://pve.example.com:8006",
            r => r with
            {
                LogLevel = "debug",
                LogFormat = "json",
                Env = [new EnvVar { Name = "PVE_NODE_SELECTOR", Value = "pve1,pve2" }, new EnvVar { Name = "PROXMOX_SSH_DISABLE_MULTIPLEXING", Value = "true" }],
            },
            s => s with { Defaults = new ProviderDefaults { Datastore = "local-lvm", StoragePod = "pod1", Cluster = "c1", Folder = "vms", ResourcePool = "never-exported", Network = "never-exported" } }),
        "libvirt-migration" => Provider(ProviderType.Libvirt, "qemu+ssh://virt@kvm1.example.com/system"),
        "overrides" => Provider(ProviderType.VSphere, "https://vcenter.example.com/sdk",
            r => r with
            {
                Replicas = 2,
                ImagePullPolicy = "Always",
                ImagePullSecrets = [new Api.Machinery.Core.LocalObjectReference { Name = "ghcr" }],
                Service = new ProviderServiceSpec { Port = 10443, Tls = new ProviderTlsSpec { Enabled = true, SecretRef = new Api.Machinery.Core.LocalObjectReference { Name = "provider-tls" } } },
                Resources = new ResourceRequirements
                {
                    Requests = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("250m"), ["memory"] = Quantity.Parse("256Mi") },
                    Limits = new Dictionary<string, Quantity> { ["memory"] = Quantity.Parse("1Gi") },
                },
                SecurityContext = new SecurityContext { RunAsNonRoot = true, RunAsUser = 1000 },
                NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" },
                Tolerations = [new Toleration { Key = "dedicated", Operator = "Equal", Value = "virt", Effect = "NoSchedule" }],
                ReadinessProbe = new Probe { HttpGet = new HTTPGetAction { Path = "/readyz", Port = IntOrString.FromInt(8080) }, PeriodSeconds = 5 },
            }),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static IReadOnlyList<string> Claims(string name) => name == "libvirt-migration" ? ["staging-a", "staging-b"] : [];

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToJson_Deployment_MatchesGolden(string name)
    {
        var actual = RemoteProviderResources.ToJson(RemoteProviderResources.BuildDeployment(Case(name), Claims(name)));

        AssertGolden(name + ".deployment.json", actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToJson_Service_MatchesGolden(string name)
    {
        var actual = RemoteProviderResources.ToJson(RemoteProviderResources.BuildService(Case(name)));

        AssertGolden(name + ".service.json", actual);
    }

    [Fact]
    public void BuildDeployment_SameInput_SameOutput()
    {
        var a = RemoteProviderResources.ToJson(RemoteProviderResources.BuildDeployment(Case("overrides"), []));
        var b = RemoteProviderResources.ToJson(RemoteProviderResources.BuildDeployment(Case("overrides"), []));

        Assert.True(JsonNode.DeepEquals(a, b));
    }

    private static void AssertGolden(string file, JsonObject actual)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ProviderRuntime", "Golden", file);
        var expected = JsonNode.Parse(File.ReadAllText(path));
        var actualText = actual.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{file} differs; actual:\n{actualText}");
    }
}

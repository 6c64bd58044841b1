using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using VirtRigaud.Api.Machinery.Core;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Core;

public sealed class CoreTypesJsonTests
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new Rfc3339TimeConverter() },
    };

    [Fact]
    public void Affinity_NodeAndPodAntiAffinity_RoundTripsUnchanged()
    {
        const string json = """
            {
              "nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {
                  "nodeSelectorTerms": [
                    {
                      "matchExpressions": [
                        { "key": "kubernetes.io/os", "operator": "In", "values": ["linux"] }
                      ],
                      "matchFields": [
                        { "key": "metadata.name", "operator": "NotIn", "values": ["node-a"] }
                      ]
                    }
                  ]
                },
                "preferredDuringSchedulingIgnoredDuringExecution": [
                  {
                    "weight": 50,
                    "preference": {
                      "matchExpressions": [
                        { "key": "node-role.kubernetes.io/infra", "operator": "Exists" }
                      ]
                    }
                  }
                ]
              },
              "podAntiAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": [
                  {
                    "labelSelector": { "matchLabels": { "app": "provider-vsphere" } },
                    "topologyKey": "kubernetes.io/hostname"
                  }
                ],
                "preferredDuringSchedulingIgnoredDuringExecution": [
                  {
                    "weight": 100,
                    "podAffinityTerm": {
                      "labelSelector": {
                        "matchExpressions": [
                          { "key": "app", "operator": "In", "values": ["provider-vsphere", "provider-libvirt"] }
                        ]
                      },
                      "namespaceSelector": {},
                      "matchLabelKeys": ["pod-template-hash"],
                      "topologyKey": "topology.kubernetes.io/zone"
                    }
                  }
                ]
              }
            }
            """;

        var affinity = RoundTrip<Affinity>(json);

        Assert.Null(affinity.PodAffinity);
        var term = Assert.Single(affinity.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms);
        Assert.Equal(["linux"], Assert.Single(term.MatchExpressions!).Values!);
        Assert.Equal("metadata.name", Assert.Single(term.MatchFields!).Key);
        var preferredNode = Assert.Single(affinity.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution!);
        Assert.Equal(50, preferredNode.Weight);
        Assert.Null(Assert.Single(preferredNode.Preference.MatchExpressions!).Values);
        var required = Assert.Single(affinity.PodAntiAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!);
        Assert.Equal("provider-vsphere", required.LabelSelector!.MatchLabels!["app"]);
        var preferredPod = Assert.Single(affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution!);
        Assert.Equal(100, preferredPod.Weight);
        Assert.Equal("topology.kubernetes.io/zone", preferredPod.PodAffinityTerm.TopologyKey);
        // An empty namespace selector selects every namespace; it must not collapse into "absent" (own namespace).
        Assert.NotNull(preferredPod.PodAffinityTerm.NamespaceSelector);
        Assert.Null(preferredPod.PodAffinityTerm.Namespaces);
    }

    [Fact]
    public void SecurityContext_RestrictedProfile_RoundTripsUnchangedWithExplicitFalse()
    {
        const string json = """
            {
              "allowPrivilegeEscalation": false,
              "privileged": false,
              "readOnlyRootFilesystem": true,
              "runAsNonRoot": true,
              "runAsUser": 65532,
              "runAsGroup": 65532,
              "procMount": "Default",
              "capabilities": { "drop": ["ALL"], "add": ["NET_BIND_SERVICE"] },
              "seccompProfile": { "type": "RuntimeDefault" },
              "appArmorProfile": { "type": "Localhost", "localhostProfile": "k8s-provider" },
              "seLinuxOptions": { "level": "s0:c123,c456", "type": "container_t" },
              "windowsOptions": { "hostProcess": false, "runAsUserName": "ContainerUser" }
            }
            """;

        var context = RoundTrip<SecurityContext>(json);

        Assert.False(context.AllowPrivilegeEscalation);
        Assert.False(context.Privileged);
        Assert.Equal(65532L, context.RunAsUser);
        Assert.Equal(["ALL"], context.Capabilities!.Drop!);
        Assert.Equal("RuntimeDefault", context.SeccompProfile!.Type);
        Assert.Null(context.SeccompProfile.LocalhostProfile);
        Assert.Equal("k8s-provider", context.AppArmorProfile!.LocalhostProfile);
        Assert.Null(context.SELinuxOptions!.User);
        Assert.False(context.WindowsOptions!.HostProcess);
    }

    [Fact]
    public void EnvVar_ValueAndEveryValueFromSource_RoundTripsUnchanged()
    {
        const string json = """
            [
              { "name": "LOG_LEVEL", "value": "debug" },
              { "name": "EMPTY", "value": "" },
              { "name": "PROVIDER_PASSWORD", "valueFrom": { "secretKeyRef": { "name": "vsphere-credentials", "key": "password" } } },
              { "name": "PROVIDER_CA", "valueFrom": { "configMapKeyRef": { "name": "vsphere-ca", "key": "ca.crt", "optional": true } } },
              { "name": "POD_NAMESPACE", "valueFrom": { "fieldRef": { "apiVersion": "v1", "fieldPath": "metadata.namespace" } } },
              { "name": "MEMORY_LIMIT_MI", "valueFrom": { "resourceFieldRef": { "resource": "limits.memory", "divisor": "1Mi" } } }
            ]
            """;

        var env = RoundTrip<IReadOnlyList<EnvVar>>(json);

        Assert.Equal("", env[1].Value);
        var secret = env[2].ValueFrom!.SecretKeyRef!;
        Assert.Equal(("vsphere-credentials", "password"), (secret.Name, secret.Key));
        Assert.Null(secret.Optional);
        Assert.True(env[3].ValueFrom!.ConfigMapKeyRef!.Optional);
        Assert.Equal("metadata.namespace", env[4].ValueFrom!.FieldRef!.FieldPath);
        var resourceField = env[5].ValueFrom!.ResourceFieldRef!;
        Assert.Equal(Quantity.FromInt64(1024 * 1024), resourceField.Divisor);
        Assert.Null(resourceField.ContainerName);
    }

    [Theory]
    [InlineData("\"http\"", false, 0, "http")]
    [InlineData("8080", true, 8080, null)]
    public void Probe_HttpGetPortNameOrNumber_RoundTripsWithPortKind(string portJson, bool isInt, int intValue, string? stringValue)
    {
        var json = $$"""
            {
              "httpGet": {
                "path": "/healthz",
                "port": {{portJson}},
                "scheme": "HTTPS",
                "httpHeaders": [ { "name": "X-Probe", "value": "liveness" } ]
              },
              "initialDelaySeconds": 0,
              "periodSeconds": 10,
              "timeoutSeconds": 5,
              "failureThreshold": 3,
              "successThreshold": 1,
              "terminationGracePeriodSeconds": 30
            }
            """;

        var probe = RoundTrip<Probe>(json);

        var port = probe.HttpGet!.Port;
        Assert.Equal(isInt, port.IsInt);
        Assert.Equal(intValue, port.IntValue);
        Assert.Equal(stringValue, port.StringValue);
        Assert.Equal(0, probe.InitialDelaySeconds);
        Assert.Equal(30L, probe.TerminationGracePeriodSeconds);
        Assert.Equal("liveness", Assert.Single(probe.HttpGet.HttpHeaders!).Value);
        Assert.Null(probe.Exec);
        Assert.Null(probe.TcpSocket);
        Assert.Null(probe.Grpc);
    }

    [Fact]
    public void Probe_ExecTcpSocketAndGrpcHandlers_RoundTripUnchanged()
    {
        const string json = """
            [
              { "exec": { "command": ["/bin/grpc_health_probe", "-addr=:9443"] } },
              { "tcpSocket": { "host": "127.0.0.1", "port": "grpc" } },
              { "grpc": { "port": 9443, "service": "" } }
            ]
            """;

        var probes = RoundTrip<IReadOnlyList<Probe>>(json);

        Assert.Equal(2, probes[0].Exec!.Command!.Count);
        Assert.Equal(IntOrString.FromString("grpc"), probes[1].TcpSocket!.Port);
        Assert.Equal(9443, probes[2].Grpc!.Port);
        Assert.Equal("", probes[2].Grpc!.Service);
    }

    [Fact]
    public void PersistentVolumeClaimSpec_StorageRequestAndDataSources_RoundTripsUnchanged()
    {
        const string json = """
            {
              "accessModes": ["ReadWriteOnce"],
              "storageClassName": "",
              "volumeMode": "Filesystem",
              "resources": { "requests": { "storage": "10Gi" }, "limits": { "storage": "20Gi" } },
              "selector": { "matchLabels": { "tier": "fast" } },
              "dataSource": { "apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot", "name": "base-image" },
              "dataSourceRef": { "apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot", "name": "base-image", "namespace": "images" }
            }
            """;

        var spec = RoundTrip<PersistentVolumeClaimSpec>(json);

        var storage = spec.Resources!.Requests!["storage"];
        Assert.Equal(10L * 1024 * 1024 * 1024, storage.Value());
        Assert.Equal("10Gi", storage.ToString());
        Assert.Equal(Quantity.Parse("20Gi"), spec.Resources.Limits!["storage"]);
        // "" (no class, static binding only) differs from absent (the cluster's default class).
        Assert.Equal("", spec.StorageClassName);
        Assert.Null(spec.VolumeName);
        Assert.Equal("VolumeSnapshot", spec.DataSource!.Kind);
        Assert.Equal("images", spec.DataSourceRef!.Namespace);
    }

    [Fact]
    public void ResourceRequirements_ClaimsLimitsAndRequests_RoundTripsUnchanged()
    {
        const string json = """
            {
              "claims": [ { "name": "gpu", "request": "a100" }, { "name": "nic" } ],
              "limits": { "cpu": "500m", "memory": "512Mi" },
              "requests": { "cpu": "0.1", "memory": "128Mi" }
            }
            """;

        var resources = RoundTrip<ResourceRequirements>(json);

        Assert.Equal(500L, resources.Limits!["cpu"].MilliValue());
        Assert.Equal(100L, resources.Requests!["cpu"].MilliValue());
        Assert.Equal(128L * 1024 * 1024, resources.Requests["memory"].Value());
        Assert.Null(resources.Claims![1].Request);
    }

    [Fact]
    public void Toleration_EmptyKeyWithExists_RoundTripsUnchanged()
    {
        const string json = """
            [
              { "operator": "Exists" },
              { "key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 0 },
              { "key": "dedicated", "operator": "Equal", "value": "virt", "effect": "NoSchedule" }
            ]
            """;

        var tolerations = RoundTrip<IReadOnlyList<Toleration>>(json);

        Assert.Null(tolerations[0].Key);
        Assert.Equal(0L, tolerations[1].TolerationSeconds);
        Assert.Null(tolerations[2].TolerationSeconds);
    }

    [Fact]
    public void LocalObjectReference_NameAbsent_StaysAbsent()
    {
        var references = RoundTrip<IReadOnlyList<LocalObjectReference>>("""[ { "name": "regcred" }, {} ]""");

        Assert.Equal("regcred", references[0].Name);
        Assert.Null(references[1].Name);
    }

    [Theory]
    [InlineData(typeof(HTTPGetAction), """{ "path": "/healthz" }""")]
    [InlineData(typeof(GRPCAction), """{ "service": "health" }""")]
    [InlineData(typeof(NodeSelector), """{}""")]
    [InlineData(typeof(PodAffinityTerm), """{ "namespaces": ["default"] }""")]
    [InlineData(typeof(SecretKeySelector), """{ "name": "creds" }""")]
    [InlineData(typeof(EnvVar), """{ "value": "x" }""")]
    [InlineData(typeof(SeccompProfile), """{ "localhostProfile": "p.json" }""")]
    [InlineData(typeof(TypedLocalObjectReference), """{ "kind": "PersistentVolumeClaim" }""")]
    public void Deserialize_RequiredPropertyMissing_Throws(Type type, string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, type, SerializerOptions));

    private static T RoundTrip<T>(string json)
    {
        var value = JsonSerializer.Deserialize<T>(json, SerializerOptions)!;
        var written = JsonSerializer.Serialize(value, SerializerOptions);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)),
            $"round trip changed the JSON:{Environment.NewLine}{written}");
        return value;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Models;
using VirtRigaud.Client.Models.AppsV1;
using VirtRigaud.Client.Models.CoreV1;
using Core = VirtRigaud.Api.Machinery.Core;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// The Deployment and Service of a Remote-mode Provider, exactly as upstream builds them (API-REFERENCE §3.1), from the
/// client SDK's core models. Pure functions: the same Provider and claims always give the same objects.
/// </summary>
/// <remarks>
/// Two upstream gaps are closed: <c>spec.runtime.imagePullSecrets</c> reaches the pod, and
/// <c>spec.runtime.livenessProbe</c>/<c>readinessProbe</c>, when set, replace the built-in probes (upstream ignored all
/// three). Without them the objects are upstream's byte for byte. The container's <c>lifecycle.preStop</c>, which the
/// SDK's Container model does not carry, is added by <see cref="ToJson(Deployment)"/>.
/// </remarks>
public static class RemoteProviderResources
{
    /// <summary>The container's name.</summary>
    public const string ContainerName = "provider";

    /// <summary>The preStop hook: give endpoints time to drop the pod before the provider drains.</summary>
    public static readonly IReadOnlyList<string> PreStopCommand = ["/bin/sh", "-c", "sleep 15"];

    /// <summary>The pod's termination grace period.</summary>
    public const long TerminationGracePeriodSeconds = 30;

    /// <summary>The Service: ClusterIP with ports <c>grpc</c> and <c>metrics</c>, selecting the provider pods.</summary>
    public static Service BuildService(Api.V1Beta1.Provider provider)
    {
        var (_, name) = Identity(provider);
        var port = ProviderRuntimeNames.GrpcPort(provider.Spec);
        return new Service
        {
            Metadata = Metadata(provider),
            Spec = new ServiceSpec
            {
                Type = "ClusterIP",
                Selector = ProviderRuntimeNames.SelectorLabels(name),
                Ports =
                [
                    new ServicePort { Name = "grpc", Port = port, TargetPort = IntOrString.FromInt(port), Protocol = "TCP" },
                    new ServicePort { Name = "metrics", Port = ProviderRuntimeNames.HealthPort, TargetPort = IntOrString.FromInt(ProviderRuntimeNames.HealthPort), Protocol = "TCP" },
                ],
            },
        };
    }

    /// <summary>
    /// The Deployment. <paramref name="migrationClaims"/> are the names of the namespace's live PVCs labelled
    /// <c>virtrigaud.io/component=migration-storage</c>; each is mounted read-write under <c>/mnt/migration-storage/&lt;claim&gt;</c>.
    /// </summary>
    public static Deployment BuildDeployment(Api.V1Beta1.Provider provider, IReadOnlyList<string> migrationClaims)
    {
        var (_, name) = Identity(provider);
        var spec = provider.Spec;
        var runtime = spec.Runtime;
        var port = ProviderRuntimeNames.GrpcPort(spec);
        var tlsEnabled = ProviderTlsPosture.Evaluate(spec).Enabled;
        var labels = ProviderRuntimeNames.Labels(name, spec.Type);

        var volumes = new List<Volume> { new() { Name = "provider-credentials", Secret = new SecretVolumeSource { SecretName = spec.CredentialSecretRef.Name } } };
        var mounts = new List<VolumeMount> { new() { Name = "provider-credentials", MountPath = ProviderRuntimeNames.CredentialsPath, ReadOnly = true } };
        if (tlsEnabled && runtime.Service?.Tls?.SecretRef?.Name is { Length: > 0 } tlsSecret)
        {
            volumes.Add(new Volume { Name = "provider-tls", Secret = new SecretVolumeSource { SecretName = tlsSecret } });
            mounts.Add(new VolumeMount { Name = "provider-tls", MountPath = ProviderRuntimeNames.TlsPath, ReadOnly = true });
        }

        foreach (var claim in migrationClaims)
        {
            volumes.Add(new Volume { Name = "migration-" + claim, PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = claim } });
            mounts.Add(new VolumeMount { Name = "migration-" + claim, MountPath = $"{ProviderRuntimeNames.MigrationStoragePath}/{claim}" });
        }

        volumes.Add(new Volume { Name = "tmp", EmptyDir = new EmptyDirVolumeSource() });
        mounts.Add(new VolumeMount { Name = "tmp", MountPath = "/tmp" });
        if (spec.Type == ProviderType.Libvirt)
        {
            volumes.Add(new Volume { Name = "libvirt-ssh-key", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantity.Parse("4Mi") } });
            mounts.Add(new VolumeMount { Name = "libvirt-ssh-key", MountPath = ProviderRuntimeNames.LibvirtSshKeyPath });
        }

        var container = new Container
        {
            Name = ContainerName,
            Image = runtime.Image,
            ImagePullPolicy = runtime.ImagePullPolicy ?? "IfNotPresent",
            Args = [$"--port={port}", $"--health-port={ProviderRuntimeNames.HealthPort}"],
            Ports =
            [
                new ContainerPort { Name = "grpc", ContainerPortNumber = port, Protocol = "TCP" },
                new ContainerPort { Name = "metrics", ContainerPortNumber = ProviderRuntimeNames.HealthPort, Protocol = "TCP" },
            ],
            Env = ProviderContainerEnv.ForPod(provider),
            Resources = runtime.Resources ?? DefaultResources(),
            SecurityContext = runtime.SecurityContext ?? DefaultSecurityContext(),
            LivenessProbe = runtime.LivenessProbe ?? HealthProbe(initialDelaySeconds: 15, periodSeconds: 20),
            ReadinessProbe = runtime.ReadinessProbe ?? HealthProbe(initialDelaySeconds: 5, periodSeconds: 10),
            VolumeMounts = mounts,
        };

        return new Deployment
        {
            Metadata = Metadata(provider),
            Spec = new DeploymentSpec
            {
                Replicas = runtime.Replicas ?? 1,
                Selector = new LabelSelector { MatchLabels = ProviderRuntimeNames.SelectorLabels(name) },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = labels },
                    Spec = new PodSpec
                    {
                        Containers = [container],
                        Volumes = volumes,
                        NodeSelector = runtime.NodeSelector,
                        Tolerations = runtime.Tolerations,
                        Affinity = runtime.Affinity,
                        ImagePullSecrets = runtime.ImagePullSecrets is { Count: > 0 } pullSecrets ? pullSecrets : null,
                        RestartPolicy = "Always",
                        TerminationGracePeriodSeconds = TerminationGracePeriodSeconds,
                    },
                },
            },
        };
    }

    /// <summary>The Service as the JSON object written to the API server. Does not mutate <paramref name="service"/>.</summary>
    public static JsonObject ToJson(Service service) => JsonSerializer.SerializeToNode(service, CoreJsonContext.Default.CoreV1Service)!.AsObject();

    /// <summary>
    /// The Deployment as the JSON object written to the API server, with the provider container's
    /// <c>lifecycle.preStop</c> exec hook added. Does not mutate <paramref name="deployment"/>.
    /// </summary>
    public static JsonObject ToJson(Deployment deployment)
    {
        var json = JsonSerializer.SerializeToNode(deployment, CoreJsonContext.Default.AppsV1Deployment)!.AsObject();
        var containers = json["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        foreach (var container in containers)
        {
            if ((string?)container!["name"] == ContainerName)
            {
                container["lifecycle"] = new JsonObject
                {
                    ["preStop"] = new JsonObject { ["exec"] = new JsonObject { ["command"] = new JsonArray([.. PreStopCommand.Select(c => JsonValue.Create(c))]) } },
                };
            }
        }

        return json;
    }

    /// <summary>Upstream's default requests (100m CPU, 128Mi) and limits (1 CPU, 512Mi).</summary>
    public static Core.ResourceRequirements DefaultResources() => new()
    {
        Requests = new Dictionary<string, Quantity>(StringComparer.Ordinal) { ["cpu"] = Quantity.Parse("100m"), ["memory"] = Quantity.Parse("128Mi") },
        Limits = new Dictionary<string, Quantity>(StringComparer.Ordinal) { ["cpu"] = Quantity.Parse("1"), ["memory"] = Quantity.Parse("512Mi") },
    };

    /// <summary>Upstream's default container security context: non-root 65532, read-only root, no escalation, no capabilities.</summary>
    public static Core.SecurityContext DefaultSecurityContext() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = 65532,
        ReadOnlyRootFilesystem = true,
        AllowPrivilegeEscalation = false,
        Capabilities = new Core.Capabilities { Drop = ["ALL"] },
    };

    /// <summary>The controller owner reference to <paramref name="provider"/> (controller-runtime's SetControllerReference).</summary>
    public static OwnerReference OwnerReference(Api.V1Beta1.Provider provider) => new()
    {
        ApiVersion = GroupInfo.ApiVersion,
        Kind = Api.V1Beta1.Provider.KindName,
        Name = provider.Metadata.Name ?? "",
        Uid = provider.Metadata.Uid ?? "",
        Controller = true,
        BlockOwnerDeletion = true,
    };

    private static Core.Probe HealthProbe(int initialDelaySeconds, int periodSeconds) => new()
    {
        HttpGet = new Core.HTTPGetAction { Path = "/healthz", Port = IntOrString.FromInt(ProviderRuntimeNames.HealthPort) },
        InitialDelaySeconds = initialDelaySeconds,
        PeriodSeconds = periodSeconds,
    };

    private static ObjectMeta Metadata(Api.V1Beta1.Provider provider)
    {
        var (ns, name) = Identity(provider);
        return new ObjectMeta
        {
            Name = ProviderRuntimeNames.ResourceName(ns, name),
            Namespace = ns,
            Labels = ProviderRuntimeNames.Labels(name, provider.Spec.Type),
            OwnerReferences = [OwnerReference(provider)],
        };
    }

    private static (string Namespace, string Name) Identity(Api.V1Beta1.Provider provider) =>
        (provider.Metadata.Namespace ?? "", provider.Metadata.Name ?? "");
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Configuration;
using VirtRigaud.Client.Dynamic;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client;

/// <summary>
/// The entry point (client-go's clientset): one connection pool and identity, with a typed client per VirtRigaud kind
/// (<c>client.VirtualMachines("ns")</c>, …), the core Kubernetes groups (<see cref="Core"/>, <see cref="Apps"/>,
/// <see cref="Coordination"/>, <see cref="Events"/>, …), a <see cref="Dynamic"/> client and <see cref="Discovery"/>.
/// Namespace arguments: null means the configuration's default namespace, <see cref="ResourceClient{T}.AllNamespaces"/>
/// (empty) means all namespaces. Thread-safe; create one per process and identity, and dispose it at the end.
/// </summary>
/// <example>
/// <code>
/// using var client = VirtRigaudClient.Create(KubernetesClientConfiguration.LoadDefault());
/// var vms = await client.VirtualMachines("default").ListAsync();
/// </code>
/// </example>
public sealed class VirtRigaudClient : IDisposable
{
    private readonly string _namespace;

    /// <summary>Creates a client.</summary>
    /// <param name="configuration">Server, credentials, default namespace and client behaviour (validated here).</param>
    /// <param name="loggerFactory">Where the client logs; none by default.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    /// <exception cref="KubeconfigException">The configuration is invalid.</exception>
    public VirtRigaudClient(KubernetesClientConfiguration configuration, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        Rest = new RestClient(configuration, loggerFactory, timeProvider);
        _namespace = configuration.Namespace;
        Core = new CoreV1Api(Rest, _namespace);
        Apps = new AppsV1Api(Rest, _namespace);
        Coordination = new CoordinationV1Api(Rest, _namespace);
        Events = new EventsV1Api(Rest, _namespace);
        Authentication = new AuthenticationV1Api(Rest);
        Authorization = new AuthorizationV1Api(Rest);
        AdmissionRegistration = new AdmissionRegistrationV1Api(Rest);
        ApiRegistration = new ApiRegistrationV1Api(Rest);
        Discovery = new DiscoveryClient(Rest, loggerFactory.CreateLogger("VirtRigaud.Client.Discovery"));
        Dynamic = new DynamicClient(Rest, Discovery, _namespace);
    }

    /// <summary>Creates a client (same as the constructor).</summary>
    public static VirtRigaudClient Create(KubernetesClientConfiguration configuration, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) =>
        new(configuration, loggerFactory, timeProvider);

    /// <summary>The HTTP layer, for requests no typed client covers.</summary>
    public RestClient Rest { get; }

    /// <summary>The configuration's default namespace.</summary>
    public string DefaultNamespace => _namespace;

    /// <summary>core/v1: Secrets, ConfigMaps, Namespaces, Services, Events, PersistentVolumeClaims.</summary>
    public CoreV1Api Core { get; }

    /// <summary>apps/v1: Deployments.</summary>
    public AppsV1Api Apps { get; }

    /// <summary>coordination.k8s.io/v1: Leases.</summary>
    public CoordinationV1Api Coordination { get; }

    /// <summary>events.k8s.io/v1: Events.</summary>
    public EventsV1Api Events { get; }

    /// <summary>authentication.k8s.io/v1: TokenReviews.</summary>
    public AuthenticationV1Api Authentication { get; }

    /// <summary>authorization.k8s.io/v1: SubjectAccessReviews.</summary>
    public AuthorizationV1Api Authorization { get; }

    /// <summary>admissionregistration.k8s.io/v1: webhook configurations.</summary>
    public AdmissionRegistrationV1Api AdmissionRegistration { get; }

    /// <summary>apiregistration.k8s.io/v1: APIServices.</summary>
    public ApiRegistrationV1Api ApiRegistration { get; }

    /// <summary>Untyped access to any resource.</summary>
    public DynamicClient Dynamic { get; }

    /// <summary>The server's discovery documents (cached).</summary>
    public DiscoveryClient Discovery { get; }

    /// <summary>A typed client for any resource definition (see <see cref="ResourceDefinitions"/>).</summary>
    public ResourceClient<T> Resource<T>(ResourceDefinition<T> definition, string? @namespace = null)
        where T : class, IKubernetesObject =>
        new(Rest, definition, definition.Namespaced ? @namespace ?? _namespace : "");

    public ResourceClient<VirtualMachine> VirtualMachines(string? @namespace = null) => Resource(ResourceDefinitions.VirtualMachines, @namespace);

    public ResourceClient<VMClass> VMClasses(string? @namespace = null) => Resource(ResourceDefinitions.VMClasses, @namespace);

    public ResourceClient<VMImage> VMImages(string? @namespace = null) => Resource(ResourceDefinitions.VMImages, @namespace);

    public ResourceClient<VMNetworkAttachment> VMNetworkAttachments(string? @namespace = null) => Resource(ResourceDefinitions.VMNetworkAttachments, @namespace);

    public ResourceClient<Provider> Providers(string? @namespace = null) => Resource(ResourceDefinitions.Providers, @namespace);

    public ResourceClient<VMMigration> VMMigrations(string? @namespace = null) => Resource(ResourceDefinitions.VMMigrations, @namespace);

    public ResourceClient<VMSnapshot> VMSnapshots(string? @namespace = null) => Resource(ResourceDefinitions.VMSnapshots, @namespace);

    public ResourceClient<VMClone> VMClones(string? @namespace = null) => Resource(ResourceDefinitions.VMClones, @namespace);

    public ResourceClient<VMSet> VMSets(string? @namespace = null) => Resource(ResourceDefinitions.VMSets, @namespace);

    public ResourceClient<VMPlacementPolicy> VMPlacementPolicies(string? @namespace = null) => Resource(ResourceDefinitions.VMPlacementPolicies, @namespace);

    /// <summary>Closes the connections.</summary>
    public void Dispose() => Rest.Dispose();
}

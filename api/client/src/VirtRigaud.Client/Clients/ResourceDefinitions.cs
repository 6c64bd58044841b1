using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Models;

namespace VirtRigaud.Client.Clients;

/// <summary>
/// The resource definitions this library knows: the ten kinds of <c>infra.virtrigaud.io/v1beta1</c> (from
/// <see cref="Kinds"/>) and the core Kubernetes kinds of <see cref="Models"/>. Immutable singletons.
/// </summary>
public static class ResourceDefinitions
{
    public static ResourceDefinition<VirtualMachine> VirtualMachines { get; } = FromKind(Kinds.VirtualMachine, V1Beta1JsonContext.Default.VirtualMachine, V1Beta1JsonContext.Default.ObjectListVirtualMachine);

    public static ResourceDefinition<VMClass> VMClasses { get; } = FromKind(Kinds.VMClass, V1Beta1JsonContext.Default.VMClass, V1Beta1JsonContext.Default.ObjectListVMClass);

    public static ResourceDefinition<VMImage> VMImages { get; } = FromKind(Kinds.VMImage, V1Beta1JsonContext.Default.VMImage, V1Beta1JsonContext.Default.ObjectListVMImage);

    public static ResourceDefinition<VMNetworkAttachment> VMNetworkAttachments { get; } = FromKind(Kinds.VMNetworkAttachment, V1Beta1JsonContext.Default.VMNetworkAttachment, V1Beta1JsonContext.Default.ObjectListVMNetworkAttachment);

    public static ResourceDefinition<Provider> Providers { get; } = FromKind(Kinds.Provider, V1Beta1JsonContext.Default.Provider, V1Beta1JsonContext.Default.ObjectListProvider);

    public static ResourceDefinition<VMMigration> VMMigrations { get; } = FromKind(Kinds.VMMigration, V1Beta1JsonContext.Default.VMMigration, V1Beta1JsonContext.Default.ObjectListVMMigration);

    public static ResourceDefinition<VMSnapshot> VMSnapshots { get; } = FromKind(Kinds.VMSnapshot, V1Beta1JsonContext.Default.VMSnapshot, V1Beta1JsonContext.Default.ObjectListVMSnapshot);

    public static ResourceDefinition<VMClone> VMClones { get; } = FromKind(Kinds.VMClone, V1Beta1JsonContext.Default.VMClone, V1Beta1JsonContext.Default.ObjectListVMClone);

    public static ResourceDefinition<VMSet> VMSets { get; } = FromKind(Kinds.VMSet, V1Beta1JsonContext.Default.VMSet, V1Beta1JsonContext.Default.ObjectListVMSet);

    public static ResourceDefinition<VMPlacementPolicy> VMPlacementPolicies { get; } = FromKind(Kinds.VMPlacementPolicy, V1Beta1JsonContext.Default.VMPlacementPolicy, V1Beta1JsonContext.Default.ObjectListVMPlacementPolicy);

    public static ResourceDefinition<Models.CoreV1.Secret> Secrets { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "secrets",
        Kind = "Secret",
        Namespaced = true,
        TypeInfo = CoreJsonContext.Default.CoreV1Secret,
        ListTypeInfo = CoreJsonContext.Default.CoreV1SecretList,
    };

    public static ResourceDefinition<Models.CoreV1.ConfigMap> ConfigMaps { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "configmaps",
        Kind = "ConfigMap",
        Namespaced = true,
        TypeInfo = CoreJsonContext.Default.CoreV1ConfigMap,
        ListTypeInfo = CoreJsonContext.Default.CoreV1ConfigMapList,
    };

    public static ResourceDefinition<Models.CoreV1.Namespace> Namespaces { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "namespaces",
        Kind = "Namespace",
        Namespaced = false,
        TypeInfo = CoreJsonContext.Default.CoreV1Namespace,
        ListTypeInfo = CoreJsonContext.Default.CoreV1NamespaceList,
    };

    public static ResourceDefinition<Models.CoreV1.Service> Services { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "services",
        Kind = "Service",
        Namespaced = true,
        TypeInfo = CoreJsonContext.Default.CoreV1Service,
        ListTypeInfo = CoreJsonContext.Default.CoreV1ServiceList,
    };

    public static ResourceDefinition<Models.CoreV1.Event> CoreV1Events { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "events",
        Kind = "Event",
        Namespaced = true,
        TypeInfo = CoreJsonContext.Default.CoreV1Event,
        ListTypeInfo = CoreJsonContext.Default.CoreV1EventList,
    };

    public static ResourceDefinition<Models.CoreV1.PersistentVolumeClaim> PersistentVolumeClaims { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "persistentvolumeclaims",
        Kind = "PersistentVolumeClaim",
        Namespaced = true,
        TypeInfo = CoreJsonContext.Default.CoreV1PersistentVolumeClaim,
        ListTypeInfo = CoreJsonContext.Default.CoreV1PersistentVolumeClaimList,
    };

    public static ResourceDefinition<Models.AppsV1.Deployment> Deployments { get; } = new()
    {
        Group = "apps",
        Version = "v1",
        Plural = "deployments",
        Kind = "Deployment",
        Namespaced = true,
        TypeInfo = CoreJsonContext.Default.AppsV1Deployment,
        ListTypeInfo = CoreJsonContext.Default.AppsV1DeploymentList,
    };

    public static ResourceDefinition<Models.CoordinationV1.Lease> Leases { get; } = new()
    {
        Group = "coordination.k8s.io",
        Version = "v1",
        Plural = "leases",
        Kind = "Lease",
        Namespaced = true,
        TypeInfo = CoreJsonContext.Default.CoordinationV1Lease,
        ListTypeInfo = CoreJsonContext.Default.CoordinationV1LeaseList,
    };

    public static ResourceDefinition<Models.EventsV1.Event> EventsV1Events { get; } = new()
    {
        Group = "events.k8s.io",
        Version = "v1",
        Plural = "events",
        Kind = "Event",
        Namespaced = true,
        TypeInfo = CoreJsonContext.Default.EventsV1Event,
        ListTypeInfo = CoreJsonContext.Default.EventsV1EventList,
    };

    public static ResourceDefinition<Models.AuthenticationV1.TokenReview> TokenReviews { get; } = new()
    {
        Group = "authentication.k8s.io",
        Version = "v1",
        Plural = "tokenreviews",
        Kind = "TokenReview",
        Namespaced = false,
        TypeInfo = CoreJsonContext.Default.AuthenticationV1TokenReview,
        ListTypeInfo = CoreJsonContext.Default.AuthenticationV1TokenReviewList,
    };

    public static ResourceDefinition<Models.AuthorizationV1.SubjectAccessReview> SubjectAccessReviews { get; } = new()
    {
        Group = "authorization.k8s.io",
        Version = "v1",
        Plural = "subjectaccessreviews",
        Kind = "SubjectAccessReview",
        Namespaced = false,
        TypeInfo = CoreJsonContext.Default.AuthorizationV1SubjectAccessReview,
        ListTypeInfo = CoreJsonContext.Default.AuthorizationV1SubjectAccessReviewList,
    };

    public static ResourceDefinition<Models.AdmissionRegistrationV1.MutatingWebhookConfiguration> MutatingWebhookConfigurations { get; } = new()
    {
        Group = "admissionregistration.k8s.io",
        Version = "v1",
        Plural = "mutatingwebhookconfigurations",
        Kind = "MutatingWebhookConfiguration",
        Namespaced = false,
        TypeInfo = CoreJsonContext.Default.AdmissionRegistrationV1MutatingWebhookConfiguration,
        ListTypeInfo = CoreJsonContext.Default.AdmissionRegistrationV1MutatingWebhookConfigurationList,
    };

    public static ResourceDefinition<Models.AdmissionRegistrationV1.ValidatingWebhookConfiguration> ValidatingWebhookConfigurations { get; } = new()
    {
        Group = "admissionregistration.k8s.io",
        Version = "v1",
        Plural = "validatingwebhookconfigurations",
        Kind = "ValidatingWebhookConfiguration",
        Namespaced = false,
        TypeInfo = CoreJsonContext.Default.AdmissionRegistrationV1ValidatingWebhookConfiguration,
        ListTypeInfo = CoreJsonContext.Default.AdmissionRegistrationV1ValidatingWebhookConfigurationList,
    };

    public static ResourceDefinition<Models.ApiRegistrationV1.APIService> ApiServices { get; } = new()
    {
        Group = "apiregistration.k8s.io",
        Version = "v1",
        Plural = "apiservices",
        Kind = "APIService",
        Namespaced = false,
        TypeInfo = CoreJsonContext.Default.ApiRegistrationV1APIService,
        ListTypeInfo = CoreJsonContext.Default.ApiRegistrationV1APIServiceList,
    };

    private static ResourceDefinition<T> FromKind<T>(KindInfo kind, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, System.Text.Json.Serialization.Metadata.JsonTypeInfo<Api.Machinery.ObjectList<T>> listTypeInfo)
        where T : class, Api.Machinery.IKubernetesObject
    {
        return new()
        {
            Group = kind.Group,
            Version = kind.Version,
            Plural = kind.Plural,
            Kind = kind.Kind,
            Namespaced = kind.Namespaced,
            TypeInfo = typeInfo,
            ListTypeInfo = listTypeInfo,
        };
    }
}

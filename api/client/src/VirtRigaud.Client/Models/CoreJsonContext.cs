using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Client.Models.Subresources;

namespace VirtRigaud.Client.Models;

/// <summary>
/// The source-generated JSON contract of the core Kubernetes objects the client knows (one context for all of them so
/// that shared sub-types have one contract): each kind, its list and its watch event, plus the VirtualMachine
/// subresource bodies. Absent (null) values are omitted; <c>metav1.Time</c> is whole seconds, <c>MicroTime</c> fields
/// carry their own converter. Kinds that share a simple name across groups (Event) are qualified by group.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(Rfc3339TimeConverter)])]
[JsonSerializable(typeof(CoreV1.Secret), TypeInfoPropertyName = "CoreV1Secret")]
[JsonSerializable(typeof(ObjectList<CoreV1.Secret>), TypeInfoPropertyName = "CoreV1SecretList")]
[JsonSerializable(typeof(WatchEvent<CoreV1.Secret>), TypeInfoPropertyName = "CoreV1SecretWatchEvent")]
[JsonSerializable(typeof(CoreV1.ConfigMap), TypeInfoPropertyName = "CoreV1ConfigMap")]
[JsonSerializable(typeof(ObjectList<CoreV1.ConfigMap>), TypeInfoPropertyName = "CoreV1ConfigMapList")]
[JsonSerializable(typeof(WatchEvent<CoreV1.ConfigMap>), TypeInfoPropertyName = "CoreV1ConfigMapWatchEvent")]
[JsonSerializable(typeof(CoreV1.Namespace), TypeInfoPropertyName = "CoreV1Namespace")]
[JsonSerializable(typeof(ObjectList<CoreV1.Namespace>), TypeInfoPropertyName = "CoreV1NamespaceList")]
[JsonSerializable(typeof(WatchEvent<CoreV1.Namespace>), TypeInfoPropertyName = "CoreV1NamespaceWatchEvent")]
[JsonSerializable(typeof(CoreV1.Service), TypeInfoPropertyName = "CoreV1Service")]
[JsonSerializable(typeof(ObjectList<CoreV1.Service>), TypeInfoPropertyName = "CoreV1ServiceList")]
[JsonSerializable(typeof(WatchEvent<CoreV1.Service>), TypeInfoPropertyName = "CoreV1ServiceWatchEvent")]
[JsonSerializable(typeof(CoreV1.Event), TypeInfoPropertyName = "CoreV1Event")]
[JsonSerializable(typeof(ObjectList<CoreV1.Event>), TypeInfoPropertyName = "CoreV1EventList")]
[JsonSerializable(typeof(WatchEvent<CoreV1.Event>), TypeInfoPropertyName = "CoreV1EventWatchEvent")]
[JsonSerializable(typeof(CoreV1.PersistentVolumeClaim), TypeInfoPropertyName = "CoreV1PersistentVolumeClaim")]
[JsonSerializable(typeof(ObjectList<CoreV1.PersistentVolumeClaim>), TypeInfoPropertyName = "CoreV1PersistentVolumeClaimList")]
[JsonSerializable(typeof(WatchEvent<CoreV1.PersistentVolumeClaim>), TypeInfoPropertyName = "CoreV1PersistentVolumeClaimWatchEvent")]
[JsonSerializable(typeof(AppsV1.Deployment), TypeInfoPropertyName = "AppsV1Deployment")]
[JsonSerializable(typeof(ObjectList<AppsV1.Deployment>), TypeInfoPropertyName = "AppsV1DeploymentList")]
[JsonSerializable(typeof(WatchEvent<AppsV1.Deployment>), TypeInfoPropertyName = "AppsV1DeploymentWatchEvent")]
[JsonSerializable(typeof(CoordinationV1.Lease), TypeInfoPropertyName = "CoordinationV1Lease")]
[JsonSerializable(typeof(ObjectList<CoordinationV1.Lease>), TypeInfoPropertyName = "CoordinationV1LeaseList")]
[JsonSerializable(typeof(WatchEvent<CoordinationV1.Lease>), TypeInfoPropertyName = "CoordinationV1LeaseWatchEvent")]
[JsonSerializable(typeof(EventsV1.Event), TypeInfoPropertyName = "EventsV1Event")]
[JsonSerializable(typeof(ObjectList<EventsV1.Event>), TypeInfoPropertyName = "EventsV1EventList")]
[JsonSerializable(typeof(WatchEvent<EventsV1.Event>), TypeInfoPropertyName = "EventsV1EventWatchEvent")]
[JsonSerializable(typeof(AuthenticationV1.TokenReview), TypeInfoPropertyName = "AuthenticationV1TokenReview")]
[JsonSerializable(typeof(ObjectList<AuthenticationV1.TokenReview>), TypeInfoPropertyName = "AuthenticationV1TokenReviewList")]
[JsonSerializable(typeof(WatchEvent<AuthenticationV1.TokenReview>), TypeInfoPropertyName = "AuthenticationV1TokenReviewWatchEvent")]
[JsonSerializable(typeof(AuthorizationV1.SubjectAccessReview), TypeInfoPropertyName = "AuthorizationV1SubjectAccessReview")]
[JsonSerializable(typeof(ObjectList<AuthorizationV1.SubjectAccessReview>), TypeInfoPropertyName = "AuthorizationV1SubjectAccessReviewList")]
[JsonSerializable(typeof(WatchEvent<AuthorizationV1.SubjectAccessReview>), TypeInfoPropertyName = "AuthorizationV1SubjectAccessReviewWatchEvent")]
[JsonSerializable(typeof(AdmissionRegistrationV1.MutatingWebhookConfiguration), TypeInfoPropertyName = "AdmissionRegistrationV1MutatingWebhookConfiguration")]
[JsonSerializable(typeof(ObjectList<AdmissionRegistrationV1.MutatingWebhookConfiguration>), TypeInfoPropertyName = "AdmissionRegistrationV1MutatingWebhookConfigurationList")]
[JsonSerializable(typeof(WatchEvent<AdmissionRegistrationV1.MutatingWebhookConfiguration>), TypeInfoPropertyName = "AdmissionRegistrationV1MutatingWebhookConfigurationWatchEvent")]
[JsonSerializable(typeof(AdmissionRegistrationV1.ValidatingWebhookConfiguration), TypeInfoPropertyName = "AdmissionRegistrationV1ValidatingWebhookConfiguration")]
[JsonSerializable(typeof(ObjectList<AdmissionRegistrationV1.ValidatingWebhookConfiguration>), TypeInfoPropertyName = "AdmissionRegistrationV1ValidatingWebhookConfigurationList")]
[JsonSerializable(typeof(WatchEvent<AdmissionRegistrationV1.ValidatingWebhookConfiguration>), TypeInfoPropertyName = "AdmissionRegistrationV1ValidatingWebhookConfigurationWatchEvent")]
[JsonSerializable(typeof(ApiRegistrationV1.APIService), TypeInfoPropertyName = "ApiRegistrationV1APIService")]
[JsonSerializable(typeof(ObjectList<ApiRegistrationV1.APIService>), TypeInfoPropertyName = "ApiRegistrationV1APIServiceList")]
[JsonSerializable(typeof(WatchEvent<ApiRegistrationV1.APIService>), TypeInfoPropertyName = "ApiRegistrationV1APIServiceWatchEvent")]
// Sub-types whose simple names repeat across groups need distinct contract names.
[JsonSerializable(typeof(CoreV1.EventSeries), TypeInfoPropertyName = "CoreV1EventSeries")]
[JsonSerializable(typeof(EventsV1.EventSeries), TypeInfoPropertyName = "EventsV1EventSeries")]
[JsonSerializable(typeof(IReadOnlyList<CoreV1.Event>), TypeInfoPropertyName = "CoreV1EventItems")]
[JsonSerializable(typeof(IReadOnlyList<EventsV1.Event>), TypeInfoPropertyName = "EventsV1EventItems")]
[JsonSerializable(typeof(AdmissionRegistrationV1.ServiceReference), TypeInfoPropertyName = "AdmissionRegistrationV1ServiceReference")]
[JsonSerializable(typeof(ApiRegistrationV1.ServiceReference), TypeInfoPropertyName = "ApiRegistrationV1ServiceReference")]
[JsonSerializable(typeof(VirtualMachinePowerRequest))]
[JsonSerializable(typeof(VirtualMachineConsole))]
public sealed partial class CoreJsonContext : JsonSerializerContext;

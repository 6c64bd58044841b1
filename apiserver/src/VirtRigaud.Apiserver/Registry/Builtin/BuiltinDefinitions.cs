using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.OpenApi;
using VirtRigaud.Apiserver.Registry.Builtin.ConfigMaps;
using VirtRigaud.Apiserver.Registry.Builtin.Events;
using VirtRigaud.Apiserver.Registry.Builtin.Leases;
using VirtRigaud.Apiserver.Registry.Builtin.Secrets;

namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// The built-in resources a standalone server serves in place of kube-apiserver (inside a cluster kube-apiserver serves
/// them and the server runs without them): core/v1 <c>configmaps</c>, <c>events</c> and <c>secrets</c>,
/// coordination.k8s.io/v1 <c>leases</c>, and events.k8s.io/v1 <c>events</c> (a second view of the core events).
/// Stored where kube-apiserver stores them (<c>/registry/secrets/{namespace}/{name}</c>, …), with kube-apiserver's
/// validation, field selectors, Table columns and OpenAPI definitions. Namespaces are served apart
/// (<see cref="Http.StandaloneNamespaceEndpoints"/>).
/// </summary>
public static class BuiltinDefinitions
{
    private static readonly string[] MetadataFields = ["metadata.name", "metadata.namespace"];

    private static readonly string[] InvolvedObjectFields = ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"];

    /// <summary>core/v1 secrets (sensitive: their data never reaches logs, decode errors or metadata views).</summary>
    public static ResourceDefinition Secrets { get; } = Create(
        group: "", plural: "secrets", singular: "secret", shortNames: [],
        SecretTypes.Secret, SecretTypes.ListDefinitionName, new SecretStrategy(),
        [.. MetadataFields, "type"],
        [
            TableColumns.Name,
            StringColumn("Type", "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types", obj => Str(obj, "type")),
            CountColumn("Data", "Data contains the secret data.", obj => Count(obj, "data")),
            TableColumns.Age,
        ]) with
    { Sensitive = true };

    /// <summary>core/v1 configmaps.</summary>
    public static ResourceDefinition ConfigMaps { get; } = Create(
        group: "", plural: "configmaps", singular: "configmap", shortNames: ["cm"],
        ConfigMapTypes.ConfigMap, ConfigMapTypes.ListDefinitionName, new ConfigMapStrategy(),
        MetadataFields,
        [
            TableColumns.Name,
            CountColumn("Data", "Data contains the configuration data.", obj => Count(obj, "data") + Count(obj, "binaryData")),
            TableColumns.Age,
        ]);

    /// <summary>core/v1 events (created by PUT too, as kube-apiserver allows for events).</summary>
    public static ResourceDefinition CoreEvents { get; } = Create(
        group: "", plural: "events", singular: "event", shortNames: ["ev"],
        EventTypes.CoreEvent, EventTypes.CoreListDefinitionName, new CoreEventStrategy(),
        [.. MetadataFields, .. InvolvedObjectFields.Select(f => "involvedObject." + f), "reason", "reportingComponent", "source", "type"],
        EventTable.Columns(eventsApi: false)) with
    {
        AllowCreateOnUpdate = true,
        FieldValue = CoreEventFieldValue,
    };

    /// <summary>coordination.k8s.io/v1 leases (created by PUT too, as kube-apiserver allows for leases).</summary>
    public static ResourceDefinition Leases { get; } = Create(
        group: "coordination.k8s.io", plural: "leases", singular: "lease", shortNames: [],
        LeaseTypes.Lease, LeaseTypes.ListDefinitionName, new LeaseStrategy(),
        MetadataFields,
        [
            TableColumns.Name,
            StringColumn("Holder", "holderIdentity contains the identity of the holder of a current lease.", obj => Str(obj["spec"], "holderIdentity")),
            TableColumns.Age,
        ]) with
    { AllowCreateOnUpdate = true };

    /// <summary>events.k8s.io/v1 events: the core events in the new API's form, stored as core/v1 events.</summary>
    public static ResourceDefinition EventsV1Events { get; } = Create(
        group: "events.k8s.io", plural: "events", singular: "event", shortNames: ["ev"],
        EventTypes.EventsEvent, EventTypes.EventsListDefinitionName, new EventsEventStrategy(),
        [.. MetadataFields, .. InvolvedObjectFields.Select(f => "regarding." + f), "reason", "reportingController", "type"],
        EventTable.Columns(eventsApi: true)) with
    {
        AllowCreateOnUpdate = true,
        StoragePrefix = "/events/",
        StoragePrimary = false,
        Conversion = EventConversion.Instance,
        StorageVersionHash = StorageVersionHash.Compute("", "v1", "Event"),
    };

    /// <summary>Every built-in resource, core group first (the order of discovery).</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } = [ConfigMaps, CoreEvents, Secrets, Leases, EventsV1Events];

    private static ResourceDefinition Create(
        string group,
        string plural,
        string singular,
        string[] shortNames,
        GoStructType type,
        string listDefinitionName,
        BuiltinStrategy strategy,
        IReadOnlyList<string> selectableFields,
        IReadOnlyList<TableColumn> columns)
    {
        var gvk = type.Kind!.Value;
        return new ResourceDefinition
        {
            Group = group,
            Version = gvk.Version,
            Kind = gvk.Kind,
            Plural = plural,
            Singular = singular,
            ShortNames = shortNames,
            Schema = GoTypeSchemas.Structural(type),
            GoType = type,
            StoragePrefix = "/" + plural + "/",
            Strategy = strategy,
            SelectableFields = selectableFields,
            TableColumns = columns,
            DefinitionName = type.DefinitionName,
            ListDefinitionName = listDefinitionName,
            OpenApiDefinitions = () => GoTypeSchemas.Definitions(type, listDefinitionName),
            OperationGroupVersion = ResourcePaths.OperationGroupVersion(group, gvk.Version),
            Tag = ResourcePaths.Tag(group, gvk.Version),
            StorageVersionHash = StorageVersionHash.Compute(group, gvk.Version, gvk.Kind),
        };
    }

    /// <summary>core/v1 events' selectable <c>source</c>: the source component, else the reporting controller (ToSelectableFields).</summary>
    private static string CoreEventFieldValue(JsonObject obj, string field)
    {
        if (field != "source")
        {
            return SelectableFields.Value(obj, field);
        }

        var component = Str(obj["source"], "component");
        return component.Length > 0 ? component : Str(obj, "reportingComponent");
    }

    private static TableColumn StringColumn(string name, string description, Func<JsonNode, string> cell) => new()
    {
        Name = name,
        Type = "string",
        Description = description,
        Cell = (obj, _) => JsonValue.Create(cell(obj)),
    };

    /// <summary>A count column: kube-apiserver declares it a string column and fills it with an integer.</summary>
    private static TableColumn CountColumn(string name, string description, Func<JsonNode, long> cell) => new()
    {
        Name = name,
        Type = "string",
        Description = description,
        Cell = (obj, _) => JsonValue.Create(cell(obj)),
    };

    private static long Count(JsonNode obj, string field) => obj[field] is JsonObject map ? map.Count : 0;

    private static string Str(JsonNode? obj, string field) =>
        obj?[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
}

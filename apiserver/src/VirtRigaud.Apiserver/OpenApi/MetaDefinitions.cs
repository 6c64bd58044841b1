using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// The shared Kubernetes definitions our documents reference (meta.k8s.io/v1 object and list metadata, Status,
/// DeleteOptions, Patch, WatchEvent, autoscaling/v1 Scale), under kube-apiserver's definition names so that the
/// aggregator merges them with its own. Written in OpenAPI v2 form; <see cref="OpenApiSchemaConversion.ToV3"/> derives v3.
/// </summary>
internal static class MetaDefinitions
{
    public const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    public const string ListMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";
    public const string Status = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    public const string DeleteOptions = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
    public const string Patch = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
    public const string WatchEvent = "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent";
    public const string Scale = "io.k8s.api.autoscaling.v1.Scale";
    public const string Time = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    public const string MicroTime = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";

    /// <summary>A fresh copy of the definitions (callers may mutate it).</summary>
    public static JsonObject Create() => (JsonObject)JsonNode.Parse(Json)!;

    private const string Json = """
    {
      "io.k8s.api.autoscaling.v1.Scale": {
        "description": "Scale represents a scaling request for a resource.",
        "type": "object",
        "properties": {
          "apiVersion": { "description": "The versioned schema of this representation of an object.", "type": "string" },
          "kind": { "description": "The REST resource this object represents.", "type": "string" },
          "metadata": { "description": "Standard object metadata.", "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" },
          "spec": { "description": "The desired state of the scaled resource.", "$ref": "#/definitions/io.k8s.api.autoscaling.v1.ScaleSpec" },
          "status": { "description": "The observed state of the scaled resource; read-only.", "$ref": "#/definitions/io.k8s.api.autoscaling.v1.ScaleStatus" }
        },
        "x-kubernetes-group-version-kind": [ { "group": "autoscaling", "kind": "Scale", "version": "v1" } ]
      },
      "io.k8s.api.autoscaling.v1.ScaleSpec": {
        "description": "ScaleSpec describes the attributes of a scale subresource.",
        "type": "object",
        "properties": {
          "replicas": { "description": "The desired number of instances of the scaled object.", "type": "integer", "format": "int32" }
        }
      },
      "io.k8s.api.autoscaling.v1.ScaleStatus": {
        "description": "ScaleStatus represents the current status of a scale subresource.",
        "type": "object",
        "required": [ "replicas" ],
        "properties": {
          "replicas": { "description": "The actual number of observed instances of the scaled object.", "type": "integer", "format": "int32" },
          "selector": { "description": "The label selector of the instances, in string form (as for kubectl get -l).", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions": {
        "description": "DeleteOptions may be provided when deleting an API object.",
        "type": "object",
        "properties": {
          "apiVersion": { "description": "The versioned schema of this representation of an object.", "type": "string" },
          "dryRun": { "description": "When present, modifications are not persisted. The only valid value is All.", "type": "array", "items": { "type": "string" }, "x-kubernetes-list-type": "atomic" },
          "gracePeriodSeconds": { "description": "Seconds before the object should be deleted; zero means immediately.", "type": "integer", "format": "int64" },
          "kind": { "description": "The REST resource this object represents.", "type": "string" },
          "orphanDependents": { "description": "Deprecated: use propagationPolicy. Whether dependents are orphaned.", "type": "boolean" },
          "preconditions": { "description": "Must be fulfilled before a deletion is carried out.", "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions" },
          "propagationPolicy": { "description": "Whether and how garbage collection is performed: Orphan, Background or Foreground.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": {
        "description": "FieldsV1 stores a set of fields in a JSON trie format.",
        "type": "object"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta": {
        "description": "ListMeta describes metadata that synthetic resources must have, including lists.",
        "type": "object",
        "properties": {
          "continue": { "description": "Set when the list was limited; pass it as the continue parameter to get the next page.", "type": "string" },
          "remainingItemCount": { "description": "The number of items after this page, when known.", "type": "integer", "format": "int64" },
          "resourceVersion": { "description": "The resource version of the list, for watches and consistent reads.", "type": "string" },
          "selfLink": { "description": "Deprecated; not set by the server.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry": {
        "description": "ManagedFieldsEntry records the workflow ID and version that manage a set of fields.",
        "type": "object",
        "properties": {
          "apiVersion": { "description": "The version of the resource the field set applies to.", "type": "string" },
          "fieldsType": { "description": "The format of fieldsV1; only FieldsV1.", "type": "string" },
          "fieldsV1": { "description": "The field set, in FieldsV1 format.", "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1" },
          "manager": { "description": "The identifier of the workflow managing these fields.", "type": "string" },
          "operation": { "description": "The operation that created this entry: Apply or Update.", "type": "string" },
          "subresource": { "description": "The subresource used to update the object; empty for the main resource.", "type": "string" },
          "time": { "description": "When the fields were last changed.", "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": {
        "description": "MicroTime is an RFC 3339 date and time in UTC, with microsecond precision (exactly six fractional digits).",
        "type": "string",
        "format": "date-time"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
        "description": "ObjectMeta is metadata that all persisted resources must have.",
        "type": "object",
        "properties": {
          "annotations": { "description": "Unstructured key/value data set by external tools; not queryable.", "type": "object", "additionalProperties": { "type": "string" } },
          "creationTimestamp": { "description": "When the object was created; set by the server, read-only.", "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time" },
          "deletionGracePeriodSeconds": { "description": "Seconds allowed for graceful termination; read-only.", "type": "integer", "format": "int64" },
          "deletionTimestamp": { "description": "When the object will be deleted; set by the server on a delete request, read-only.", "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time" },
          "finalizers": { "description": "Must be empty before the object is deleted from storage.", "type": "array", "items": { "type": "string" }, "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge" },
          "generateName": { "description": "A prefix the server uses to generate a unique name when name is empty.", "type": "string" },
          "generation": { "description": "A sequence number of the desired state; set by the server, read-only.", "type": "integer", "format": "int64" },
          "labels": { "description": "Key/value pairs to organize and select objects.", "type": "object", "additionalProperties": { "type": "string" } },
          "managedFields": { "description": "Which workflow manages which fields; maintained by the server.", "type": "array", "items": { "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry" }, "x-kubernetes-list-type": "atomic" },
          "name": { "description": "The name, unique within a namespace; cannot be updated.", "type": "string" },
          "namespace": { "description": "The namespace the name is unique in; cannot be updated.", "type": "string" },
          "ownerReferences": { "description": "Objects this object depends on; when all owners are deleted, the object is garbage collected.", "type": "array", "items": { "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference" }, "x-kubernetes-list-map-keys": [ "uid" ], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "uid", "x-kubernetes-patch-strategy": "merge" },
          "resourceVersion": { "description": "An opaque version of the object for optimistic concurrency and watches; read-only.", "type": "string" },
          "selfLink": { "description": "Deprecated; not set by the server.", "type": "string" },
          "uid": { "description": "The unique identifier of this object in time and space; set by the server, read-only.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference": {
        "description": "OwnerReference identifies an owning object, which must be in the same namespace or cluster-scoped.",
        "type": "object",
        "required": [ "apiVersion", "kind", "name", "uid" ],
        "properties": {
          "apiVersion": { "description": "API version of the owner.", "type": "string" },
          "blockOwnerDeletion": { "description": "If true, the owner cannot be deleted in the foreground until this reference is removed.", "type": "boolean" },
          "controller": { "description": "If true, this reference points to the managing controller.", "type": "boolean" },
          "kind": { "description": "Kind of the owner.", "type": "string" },
          "name": { "description": "Name of the owner.", "type": "string" },
          "uid": { "description": "UID of the owner.", "type": "string" }
        },
        "x-kubernetes-map-type": "atomic"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.Patch": {
        "description": "Patch is provided to give a concrete name and type to the patch request body.",
        "type": "object"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions": {
        "description": "Preconditions must be fulfilled before an operation is carried out.",
        "type": "object",
        "properties": {
          "resourceVersion": { "description": "The target resource version.", "type": "string" },
          "uid": { "description": "The target UID.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.Status": {
        "description": "Status is the return value for calls that do not return other objects.",
        "type": "object",
        "properties": {
          "apiVersion": { "description": "The versioned schema of this representation of an object.", "type": "string" },
          "code": { "description": "The suggested HTTP return code; 0 if not set.", "type": "integer", "format": "int32" },
          "details": { "description": "Extended data associated with the reason; depends on the reason.", "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails" },
          "kind": { "description": "The REST resource this object represents.", "type": "string" },
          "message": { "description": "A human-readable description of the status of this operation.", "type": "string" },
          "metadata": { "description": "Standard list metadata.", "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta" },
          "reason": { "description": "A machine-readable reason for a failure; empty when unknown.", "type": "string" },
          "status": { "description": "Success or Failure.", "type": "string" }
        },
        "x-kubernetes-group-version-kind": [ { "group": "", "kind": "Status", "version": "v1" } ]
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause": {
        "description": "StatusCause provides more information about an API failure, including cases when multiple errors are encountered.",
        "type": "object",
        "properties": {
          "field": { "description": "The field of the resource that caused this error, as a JSON path.", "type": "string" },
          "message": { "description": "A human-readable description of the cause.", "type": "string" },
          "reason": { "description": "A machine-readable description of the cause.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails": {
        "description": "StatusDetails is a set of additional properties that may be set by the server to provide additional information about a response.",
        "type": "object",
        "properties": {
          "causes": { "description": "Extended data associated with the reason.", "type": "array", "items": { "$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause" }, "x-kubernetes-list-type": "atomic" },
          "group": { "description": "The group of the resource the status refers to.", "type": "string" },
          "kind": { "description": "The kind of the resource the status refers to.", "type": "string" },
          "name": { "description": "The name of the resource the status refers to.", "type": "string" },
          "retryAfterSeconds": { "description": "The number of seconds the client should wait before retrying.", "type": "integer", "format": "int32" },
          "uid": { "description": "The UID of the resource the status refers to.", "type": "string" }
        }
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.Time": {
        "description": "Time is an RFC 3339 date and time in UTC, with second precision.",
        "type": "string",
        "format": "date-time"
      },
      "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent": {
        "description": "Event represents a single event to a watched resource.",
        "type": "object",
        "required": [ "type", "object" ],
        "properties": {
          "object": { "description": "The object of the event: the resource for ADDED, MODIFIED and DELETED, a Status for ERROR.", "$ref": "#/definitions/io.k8s.apimachinery.pkg.runtime.RawExtension" },
          "type": { "description": "ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.", "type": "string" }
        },
        "x-kubernetes-group-version-kind": [ { "group": "infra.virtrigaud.io", "kind": "WatchEvent", "version": "v1beta1" } ]
      },
      "io.k8s.apimachinery.pkg.runtime.RawExtension": {
        "description": "RawExtension is an embedded object in its JSON form.",
        "type": "object"
      }
    }
    """;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Http;

internal sealed partial class ResourceHandler
{
    private const string ScaleApiVersion = "autoscaling/v1";
    private const string ScaleKind = "Scale";

    /// <summary>GET <c>/scale</c>: the autoscaling/v1 Scale view of the object (its uid and resourceVersion).</summary>
    private async Task GetScaleAsync()
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: true, watch: false);
        var obj = await _store.GetAsync(ReadScope(), _info.Name, ListQueryParser.First(Query, "resourceVersion"), _cancellationToken);
        await WriteObjectAsync(StatusCodes.Status200OK, ScaleOf(obj), format, tableKind: null);
    }

    /// <summary>
    /// PUT <c>/scale</c>: sets the desired replicas. The Scale's resourceVersion, when set, must be the object's (409
    /// otherwise), which is how <c>kubectl scale --current-replicas</c> and the HPA get optimistic concurrency.
    /// </summary>
    private async Task UpdateScaleAsync()
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: true, watch: false);
        var scope = WriteScope("UpdateOptions");
        var body = await ReadObjectBodyAsync(ScaleKind, ScaleApiVersion, checkKindInvalid: false);
        CheckName(body.Object);
        var updated = await _store.UpdateAsync(scope, _info.Name, "scale", (current, _) => ValueTask.FromResult(ApplyScale(current, body.Object)), _cancellationToken);
        await WriteObjectAsync(StatusCodes.Status200OK, ScaleOf(updated), format, tableKind: null);
    }

    /// <summary>
    /// PATCH <c>/scale</c> (merge, JSON or strategic patch of the Scale, as <c>kubectl scale</c> and the HPA send): the
    /// patch applies to the Scale of each fresh read, and the result sets the replicas.
    /// </summary>
    private async Task PatchScaleAsync()
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: true, watch: false);
        var mediaType = RequestBodyReader.MediaTypeOf(Request);
        PatchRequest.CheckMediaType(mediaType);
        var scope = WriteScope("PatchOptions", ForceErrors());
        var bytes = await RequestBodyReader.ReadAsync(Request, _options.MaxRequestBodyBytes, _cancellationToken);
        var patch = PatchRequest.Parse(mediaType, bytes);
        var updated = await _store.UpdateAsync(
            scope,
            _info.Name,
            "scale",
            (current, _) =>
            {
                var scale = patch.Apply(ScaleOf(current), Conflict);
                CheckTypeMeta(scale, ScaleKind, ScaleApiVersion, kindIsInvalid: false);
                CheckName(scale);
                return ValueTask.FromResult(ApplyScale(current, scale));
            },
            _cancellationToken);
        await WriteObjectAsync(StatusCodes.Status200OK, ScaleOf(updated), format, tableKind: null);
    }

    /// <summary>
    /// The Scale of an object (apiextensions' scaleFromCustomResource): replicas from the kind's scale paths (0 when
    /// absent), the selector as a string. <c>spec.replicas</c> 0 is left out, as Go's omitempty does.
    /// </summary>
    private JsonObject ScaleOf(JsonObject obj)
    {
        var paths = Kind.Scale!;
        var specReplicas = ReadInt(obj, paths.SpecReplicasPath);
        var statusReplicas = ReadInt(obj, paths.StatusReplicasPath);
        var metadata = new JsonObject { ["name"] = ObjectJson.Name(obj), ["namespace"] = ObjectJson.Namespace(obj) };
        foreach (var field in (string[])["uid", "resourceVersion", "creationTimestamp"])
        {
            if (ObjectJson.GetString(obj, field) is { } value)
            {
                metadata[field] = value;
            }
        }

        var spec = new JsonObject();
        if (specReplicas != 0)
        {
            spec["replicas"] = specReplicas;
        }

        var status = new JsonObject { ["replicas"] = statusReplicas };
        if (paths.LabelSelectorPath is { } selectorPath && Read(obj, selectorPath) is JsonValue selector && selector.GetValueKind() == JsonValueKind.String
            && selector.GetValue<string>().Length > 0)
        {
            status["selector"] = selector.GetValue<string>();
        }

        return new JsonObject
        {
            ["kind"] = ScaleKind,
            ["apiVersion"] = ScaleApiVersion,
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = status,
        };
    }

    /// <summary>
    /// Writes a Scale's desired replicas into the object (scaleUpdatedObjectInfo): validated as autoscaling's Scale
    /// (422 <c>Scale.autoscaling</c>), its resourceVersion carried over as the update's precondition. MUTATES <paramref name="current"/>.
    /// </summary>
    private JsonObject ApplyScale(JsonObject current, JsonObject scale)
    {
        var errors = new FieldErrorList();
        var replicasNode = scale["spec"]?["replicas"];
        long replicas = 0;
        if (replicasNode is not null && replicasNode.GetValueKind() != JsonValueKind.Null)
        {
            if (replicasNode.GetValueKind() != JsonValueKind.Number || !replicasNode.AsValue().TryGetValue(out replicas) || replicas > int.MaxValue)
            {
                errors.Add(FieldError.Invalid(FieldPath.NewPath("spec", "replicas"), replicasNode.ToJsonString(), "must be an integer of at most 2147483647"));
            }
            else if (replicas < 0)
            {
                errors.Add(FieldError.Invalid(FieldPath.NewPath("spec", "replicas"), replicas, "must be greater than or equal to 0"));
            }
        }

        if (errors.Count > 0)
        {
            throw StatusException.Invalid("autoscaling", ScaleKind, _info.Name, errors);
        }

        var uid = scale["metadata"]?["uid"] is JsonValue u && u.GetValueKind() == JsonValueKind.String ? u.GetValue<string>() : "";
        if (uid.Length > 0 && uid != ObjectJson.Uid(current))
        {
            throw Conflict($"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectJson.Uid(current)}");
        }

        var rv = scale["metadata"]?["resourceVersion"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? r.GetValue<string>() : "";
        if (rv.Length > 0)
        {
            ObjectJson.SetString(current, "resourceVersion", rv);
        }

        Write(current, Kind.Scale!.SpecReplicasPath, JsonValue.Create(replicas));
        return current;
    }

    private static long ReadInt(JsonObject obj, string path) =>
        Read(obj, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : 0;

    /// <summary>The node at a simple dotted path (<c>.spec.replicas</c>), or null.</summary>
    private static JsonNode? Read(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.TrimStart('.').Split('.'))
        {
            node = (node as JsonObject)?[segment];
        }

        return node;
    }

    /// <summary>Sets the node at a simple dotted path, creating the objects on the way. MUTATES <paramref name="obj"/>.</summary>
    private static void Write(JsonObject obj, string path, JsonNode value)
    {
        var segments = path.TrimStart('.').Split('.');
        var node = obj;
        foreach (var segment in segments[..^1])
        {
            if (node[segment] is not JsonObject child)
            {
                child = [];
                node[segment] = child;
            }

            node = child;
        }

        node[segments[^1]] = value;
    }
}

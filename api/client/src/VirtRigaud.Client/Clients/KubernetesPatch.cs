using System.Text;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Patch;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Clients;

/// <summary>
/// A patch body with its type (the request's <c>Content-Type</c>): RFC 6902 JSON patch, RFC 7386 merge patch,
/// Kubernetes strategic merge patch (built-in kinds; our kinds, like CRDs, answer 415 to it), or a server-side apply
/// configuration. Immutable.
/// </summary>
public sealed record KubernetesPatch
{
    private KubernetesPatch(string contentType, byte[] body)
    {
        ContentType = contentType;
        Body = body;
    }

    /// <summary>The media type (<see cref="ContentTypes"/>).</summary>
    public string ContentType { get; }

    /// <summary>The UTF-8 body.</summary>
    public byte[] Body { get; }

    /// <summary>An RFC 6902 JSON patch.</summary>
    public static KubernetesPatch Json(JsonPatch patch) => new(ContentTypes.JsonPatch, Encoding.UTF8.GetBytes(patch.ToString()));

    /// <summary>An RFC 6902 JSON patch given as its operations array.</summary>
    public static KubernetesPatch Json(JsonArray operations) => new(ContentTypes.JsonPatch, Encoding.UTF8.GetBytes(operations.ToJsonString()));

    /// <summary>An RFC 7386 merge patch: objects merge, <c>null</c> deletes, arrays replace.</summary>
    public static KubernetesPatch Merge(JsonNode patch) => new(ContentTypes.MergePatch, Encoding.UTF8.GetBytes(patch.ToJsonString()));

    /// <summary>A strategic merge patch (built-in kinds only).</summary>
    public static KubernetesPatch StrategicMerge(JsonNode patch) => new(ContentTypes.StrategicMergePatch, Encoding.UTF8.GetBytes(patch.ToJsonString()));

    /// <summary>A server-side apply configuration (YAML or JSON text).</summary>
    public static KubernetesPatch Apply(string configuration) => new(ContentTypes.ApplyPatch, Encoding.UTF8.GetBytes(configuration));

    /// <summary>A patch of another type, given as raw bytes.</summary>
    public static KubernetesPatch Raw(string contentType, byte[] body) => new(contentType, body);

    /// <summary>The type and the body text.</summary>
    public override string ToString() => ContentType + " " + Encoding.UTF8.GetString(Body);
}

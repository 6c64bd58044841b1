namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// The PATCH body media types. <see cref="Supported"/> is the single list both OpenAPI (v2 <c>consumes</c>, v3
/// <c>requestBody.content</c>) and the REST layer's PATCH dispatch use, so that what clients are told is exactly what
/// the server accepts: kubectl's client-side apply sends a strategic merge patch only when OpenAPI lists it, and the
/// garbage collector falls back to merge patch only on a 415.
/// </summary>
public static class PatchContentTypes
{
    /// <summary>RFC 6902 JSON patch.</summary>
    public const string JsonPatch = "application/json-patch+json";

    /// <summary>RFC 7386 JSON merge patch.</summary>
    public const string MergePatch = "application/merge-patch+json";

    /// <summary>Kubernetes strategic merge patch.</summary>
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";

    /// <summary>Server-side apply. Not in <see cref="Supported"/>: apply is answered with 415 until its own issue.</summary>
    public const string ApplyPatchYaml = "application/apply-patch+yaml";

    /// <summary>
    /// The patch types the server implements, in kube-apiserver's order. Add <see cref="ApplyPatchYaml"/> here when
    /// server-side apply lands; remove <see cref="StrategicMergePatch"/> if the REST layer answers it with 415.
    /// </summary>
    public static IReadOnlyList<string> Supported { get; } = [JsonPatch, MergePatch, StrategicMergePatch];
}

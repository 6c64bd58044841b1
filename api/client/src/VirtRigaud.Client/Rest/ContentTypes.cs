namespace VirtRigaud.Client.Rest;

/// <summary>The media types the client sends and accepts.</summary>
public static class ContentTypes
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";

    /// <summary>RFC 6902 JSON patch.</summary>
    public const string JsonPatch = "application/json-patch+json";

    /// <summary>RFC 7386 JSON merge patch.</summary>
    public const string MergePatch = "application/merge-patch+json";

    /// <summary>Kubernetes strategic merge patch (built-in kinds only; CRD-like kinds answer 415).</summary>
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";

    /// <summary>Server-side apply (YAML or JSON body).</summary>
    public const string ApplyPatch = "application/apply-patch+yaml";
}

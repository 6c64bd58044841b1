namespace VirtRigaud.Apiserver.Http;

/// <summary>The negotiated form of a response: serialization, transformation and indentation.</summary>
internal sealed record ResponseFormat
{
    /// <summary>Plain JSON, compact: the default.</summary>
    public static ResponseFormat Json { get; } = new();

    /// <summary>YAML instead of JSON.</summary>
    public bool Yaml { get; init; }

    public ResponseTarget Target { get; init; }

    /// <summary>The meta.k8s.io version of a transformed response (<c>v1</c> or <c>v1beta1</c>).</summary>
    public string MetaVersion { get; init; } = "v1";

    /// <summary>Indented JSON.</summary>
    public bool Pretty { get; init; }

    /// <summary>The apiVersion of a transformed response, e.g. <c>meta.k8s.io/v1</c>.</summary>
    public string MetaApiVersion => "meta.k8s.io/" + MetaVersion;

    /// <summary>
    /// The response's Content-Type. Transformed responses are <c>application/json</c> too, as kube-apiserver sends them
    /// (the <c>as</c>/<c>g</c>/<c>v</c> parameters are only echoed for aggregated discovery).
    /// </summary>
    public string ContentType => Yaml ? "application/yaml" : "application/json";
}

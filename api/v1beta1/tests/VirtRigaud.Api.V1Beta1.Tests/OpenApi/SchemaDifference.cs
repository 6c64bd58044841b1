namespace VirtRigaud.Api.V1Beta1.Tests.OpenApi;

/// <summary>One keyword on which our schema and upstream's differ.</summary>
internal sealed record SchemaDifference(string Kind, string Path, string Keyword, string Upstream, string Ours)
{
    /// <summary>The key an allow-list entry names: <c>Kind path keyword</c>.</summary>
    public string Key => $"{Kind} {Path} {Keyword}";

    public override string ToString() => $"{Key}: upstream {Upstream}, ours {Ours}";
}

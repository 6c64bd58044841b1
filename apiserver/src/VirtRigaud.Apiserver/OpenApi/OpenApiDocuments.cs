using System.Text;
using System.Text.Json.Nodes;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Discovery;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// The OpenAPI documents of this server, built and serialized once on first use. The documents never change while the
/// server runs, so their hashes are stable entity tags and the v3 index can hand out immutable URLs.
/// </summary>
public static class OpenApiDocuments
{
    /// <summary>The path of the group version in the v3 index (no leading slash, as kube-apiserver writes it).</summary>
    public const string GroupVersionIndexPath = "apis/" + GroupInfo.ApiVersion;

    /// <summary>The URL of the group version's v3 document.</summary>
    public const string GroupVersionUrl = "/openapi/v3/" + GroupVersionIndexPath;

    private const string Json = "application/json";

    private static readonly Lazy<CachedDocument> LazyV2 = new(() => Serialize(OpenApiV2Document.Build()));
    private static readonly Lazy<CachedDocument> LazyV3 = new(() => Serialize(OpenApiV3Document.Build()));
    private static readonly Lazy<CachedDocument> LazyIndex = new(() => Serialize(new JsonObject
    {
        ["paths"] = new JsonObject
        {
            [GroupVersionIndexPath] = new JsonObject { ["serverRelativeURL"] = GroupVersionUrl + "?hash=" + LazyV3.Value.Hash },
        },
    }));

    /// <summary>A fresh copy of the Swagger 2.0 document (callers may mutate it).</summary>
    public static JsonObject V2() => (JsonObject)JsonNode.Parse(LazyV2.Value.Body)!;

    /// <summary>A fresh copy of the group version's OpenAPI 3.0 document (callers may mutate it).</summary>
    public static JsonObject V3() => (JsonObject)JsonNode.Parse(LazyV3.Value.Body)!;

    /// <summary>The hash of the v3 document, as the index's <c>?hash=</c> carries it.</summary>
    public static string V3Hash => LazyV3.Value.Hash;

    internal static CachedDocument V2Document => LazyV2.Value;

    internal static CachedDocument V3Document => LazyV3.Value;

    internal static CachedDocument V3Index => LazyIndex.Value;

    private static CachedDocument Serialize(JsonObject document) => new(Encoding.UTF8.GetBytes(document.ToJsonString()), Json);
}

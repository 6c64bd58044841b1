using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.OpenApi.Protobuf;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// The OpenAPI documents of one <see cref="ApiCatalog"/>, built and serialized once on first use: the Swagger 2.0
/// document of everything (JSON and gnostic protobuf), one OpenAPI 3.0 document per group version, and the v3 index.
/// The documents never change while the server runs, so their hashes are stable entity tags and the v3 index can hand
/// out immutable URLs.
/// </summary>
internal sealed class OpenApiDocuments
{
    private const string Json = "application/json";

    private readonly ApiCatalog _catalog;
    private readonly Lazy<CachedDocument> _v2;
    private readonly Lazy<CachedDocument> _v2Protobuf;
    private readonly Lazy<Dictionary<string, CachedDocument>> _v3;
    private readonly Lazy<CachedDocument> _index;

    public OpenApiDocuments(ApiCatalog catalog)
    {
        _catalog = catalog;
        _v2 = new Lazy<CachedDocument>(() => Serialize(OpenApiV2Document.Build(catalog)));
        _v2Protobuf = new Lazy<CachedDocument>(() => new CachedDocument(GnosticCompiler.Compile(V2()).ToByteArray(), OpenApiV2Protobuf.MediaType));
        _v3 = new Lazy<Dictionary<string, CachedDocument>>(() => catalog.GroupVersions.ToDictionary(
            gv => IndexPath(gv.Group, gv.Version),
            gv => Serialize(OpenApiV3Document.Build(catalog, gv.Group, gv.Version)),
            StringComparer.Ordinal));
        _index = new Lazy<CachedDocument>(() =>
        {
            var paths = new JsonObject();
            foreach (var (path, document) in _v3.Value.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                paths[path] = new JsonObject { ["serverRelativeURL"] = "/openapi/v3/" + path + "?hash=" + document.Hash };
            }

            return Serialize(new JsonObject { ["paths"] = paths });
        });
    }

    /// <summary>The group versions' paths in the v3 index (no leading slash, as kube-apiserver writes them): <c>api/v1</c>, <c>apis/{group}/{version}</c>.</summary>
    public IEnumerable<string> GroupVersionPaths => _catalog.GroupVersions.Select(gv => IndexPath(gv.Group, gv.Version));

    /// <summary>The Swagger 2.0 document, JSON.</summary>
    public CachedDocument V2Document => _v2.Value;

    /// <summary>The Swagger 2.0 document as gnostic protobuf.</summary>
    public CachedDocument V2ProtobufDocument => _v2Protobuf.Value;

    /// <summary>The v3 index.</summary>
    public CachedDocument V3Index => _index.Value;

    /// <summary>The index path of a group version: <c>api/v1</c> or <c>apis/{group}/{version}</c>.</summary>
    public static string IndexPath(string group, string version) => group.Length == 0 ? "api/" + version : $"apis/{group}/{version}";

    /// <summary>A fresh copy of the Swagger 2.0 document (callers may mutate it).</summary>
    public JsonObject V2() => (JsonObject)JsonNode.Parse(_v2.Value.Body)!;

    /// <summary>The v3 document of a group version by its index path, or null.</summary>
    public CachedDocument? V3Document(string indexPath) => _v3.Value.GetValueOrDefault(indexPath);

    /// <summary>A fresh copy of a group version's OpenAPI 3.0 document (callers may mutate it).</summary>
    public JsonObject V3(string group, string version) => (JsonObject)JsonNode.Parse(_v3.Value[IndexPath(group, version)].Body)!;

    private static CachedDocument Serialize(JsonObject document) => new(Encoding.UTF8.GetBytes(document.ToJsonString()), Json);
}

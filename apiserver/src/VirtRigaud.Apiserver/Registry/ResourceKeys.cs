namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// Storage keys of one resource: <c>/{group}/{resource}/{namespace}/{name}</c> below the store's prefix
/// (<c>/registry</c> by default), as kube-apiserver lays out CRD objects in etcd.
/// </summary>
public sealed class ResourceKeys(string group, string resource)
{
    /// <summary>The prefix of every object of the resource, ending in <c>/</c>.</summary>
    public string ResourcePrefix { get; } = $"/{group}/{resource}/";

    /// <summary>The prefix of the objects of one namespace (or of all, for an empty namespace), ending in <c>/</c>.</summary>
    public string Prefix(string ns) => ns.Length == 0 ? ResourcePrefix : $"{ResourcePrefix}{ns}/";

    public string Key(string ns, string name) => $"{ResourcePrefix}{ns}/{name}";

    /// <summary>The namespace and name encoded in a key of this resource.</summary>
    public (string Namespace, string Name) Parse(string key)
    {
        var rest = key.AsSpan(ResourcePrefix.Length);
        var slash = rest.IndexOf('/');
        return slash < 0 ? ("", rest.ToString()) : (rest[..slash].ToString(), rest[(slash + 1)..].ToString());
    }
}

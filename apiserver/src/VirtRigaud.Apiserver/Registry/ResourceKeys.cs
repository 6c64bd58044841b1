namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// Storage keys of one resource below the store's prefix (<c>/registry</c> by default), as kube-apiserver lays them out
/// in etcd: <c>/{group}/{resource}/{namespace}/{name}</c> for custom resources and <c>/{resource}/{namespace}/{name}</c>
/// for built-in ones (<c>/registry/secrets/default/db</c>).
/// </summary>
public sealed class ResourceKeys
{
    /// <summary>The keys of a custom resource: prefix <c>/{group}/{resource}/</c>.</summary>
    public ResourceKeys(string group, string resource)
        : this(FromPrefix($"/{group}/{resource}/"))
    {
    }

    private ResourceKeys(string resourcePrefix) => ResourcePrefix = resourcePrefix;

    /// <summary>The prefix of every object of the resource, ending in <c>/</c>.</summary>
    public string ResourcePrefix { get; }

    /// <summary>The keys under <paramref name="resourcePrefix"/> (starting and ending in <c>/</c>).</summary>
    /// <exception cref="ArgumentException">The prefix does not start and end with <c>/</c>.</exception>
    public static ResourceKeys ForPrefix(string resourcePrefix) => new(FromPrefix(resourcePrefix));

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

    private static string FromPrefix(string prefix) =>
        prefix.Length > 1 && prefix[0] == '/' && prefix[^1] == '/'
            ? prefix
            : throw new ArgumentException($"A resource key prefix starts and ends with '/': {prefix}", nameof(prefix));
}

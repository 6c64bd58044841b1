using System.Diagnostics.CodeAnalysis;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Cache;

/// <summary>
/// The keys and the standard index of client-go's cache package: objects are keyed <c>namespace/name</c> (just
/// <c>name</c> for cluster-scoped ones), and the <see cref="NamespaceIndex"/> groups them by namespace.
/// </summary>
public static class CacheKeys
{
    /// <summary>The name of the namespace index every informer has (client-go's <c>cache.NamespaceIndex</c>).</summary>
    public const string NamespaceIndex = "namespace";

    /// <summary><c>namespace/name</c>, or <c>name</c> when the object has no namespace (client-go's <c>MetaNamespaceKeyFunc</c>).</summary>
    /// <exception cref="ArgumentException">The object has no name.</exception>
    public static string MetaNamespaceKey(IKubernetesObject obj)
    {
        var name = obj.Metadata.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("the object has no metadata.name, so it has no cache key", nameof(obj));
        }

        return MetaNamespaceKey(obj.Metadata.Namespace, name);
    }

    /// <summary><c>namespace/name</c>, or <c>name</c> when <paramref name="namespace"/> is null or empty.</summary>
    public static string MetaNamespaceKey(string? @namespace, string name) =>
        string.IsNullOrEmpty(@namespace) ? name : @namespace + "/" + name;

    /// <summary>Splits a key made by <see cref="MetaNamespaceKey(IKubernetesObject)"/> (client-go's <c>SplitMetaNamespaceKey</c>).</summary>
    /// <exception cref="FormatException">The key has more than one <c>/</c> or an empty part.</exception>
    public static (string Namespace, string Name) SplitMetaNamespaceKey(string key) =>
        TrySplitMetaNamespaceKey(key, out var ns, out var name) ? (ns, name) : throw new FormatException($"unexpected key format: \"{key}\"");

    /// <summary>Like <see cref="SplitMetaNamespaceKey"/>, without throwing.</summary>
    public static bool TrySplitMetaNamespaceKey(string key, [NotNullWhen(true)] out string? @namespace, [NotNullWhen(true)] out string? name)
    {
        var parts = key.Split('/');
        switch (parts)
        {
            case [var n] when n.Length > 0:
                (@namespace, name) = ("", n);
                return true;
            case [var ns, var n] when ns.Length > 0 && n.Length > 0:
                (@namespace, name) = (ns, n);
                return true;
            default:
                (@namespace, name) = (null, null);
                return false;
        }
    }

    /// <summary>The object's namespace as its only index value (client-go's <c>MetaNamespaceIndexFunc</c>); none for cluster-scoped objects.</summary>
    public static IEnumerable<string> MetaNamespaceIndex(IKubernetesObject obj) =>
        string.IsNullOrEmpty(obj.Metadata.Namespace) ? [] : [obj.Metadata.Namespace];
}

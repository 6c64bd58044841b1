using System.Text;

namespace VirtRigaud.Client.Rest;

/// <summary>
/// The REST path of a resource, a collection or a subresource: <c>/api/v1/…</c> for the core group,
/// <c>/apis/&lt;group&gt;/&lt;version&gt;/…</c> otherwise, then <c>namespaces/&lt;ns&gt;/</c> when namespaced, the
/// resource, the name and the subresource. Segments are percent-escaped. Immutable.
/// </summary>
public sealed record ResourcePath
{
    /// <summary>The API group; empty for the core (legacy) group.</summary>
    public required string Group { get; init; }

    public required string Version { get; init; }

    /// <summary>The plural resource, e.g. <c>virtualmachines</c>.</summary>
    public required string Resource { get; init; }

    /// <summary>The namespace; null for cluster-scoped resources and all-namespaces collections.</summary>
    public string? Namespace { get; init; }

    /// <summary>The object name; null for the collection.</summary>
    public string? Name { get; init; }

    /// <summary>A subresource (<c>status</c>, <c>scale</c>, <c>power</c>…); needs <see cref="Name"/>.</summary>
    public string? Subresource { get; init; }

    /// <summary>The path, e.g. <c>/apis/infra.virtrigaud.io/v1beta1/namespaces/default/virtualmachines/web/status</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(96);
        if (Group.Length == 0)
        {
            builder.Append("/api/").Append(Escape(Version));
        }
        else
        {
            builder.Append("/apis/").Append(Escape(Group)).Append('/').Append(Escape(Version));
        }

        if (!string.IsNullOrEmpty(Namespace))
        {
            builder.Append("/namespaces/").Append(Escape(Namespace));
        }

        builder.Append('/').Append(Escape(Resource));
        if (!string.IsNullOrEmpty(Name))
        {
            builder.Append('/').Append(Escape(Name));
            if (!string.IsNullOrEmpty(Subresource))
            {
                builder.Append('/').Append(Escape(Subresource));
            }
        }
        else if (!string.IsNullOrEmpty(Subresource))
        {
            throw new InvalidOperationException($"a subresource ({Subresource}) needs an object name");
        }

        return builder.ToString();
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}

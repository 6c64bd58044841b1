using System.Globalization;
using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Http;

/// <summary>The metadata of a list or Table: resourceVersion (always), continue and remainingItemCount (when paging).</summary>
internal sealed record ListMetaFields(string ResourceVersion, string? Continue = null, long? RemainingItemCount = null)
{
    /// <summary>The list metadata of a list read at <paramref name="revision"/>.</summary>
    public static ListMetaFields At(long revision, string? continueToken = null, long? remaining = null) =>
        new(revision.ToString(CultureInfo.InvariantCulture), continueToken, remaining);

    /// <summary>As JSON, omitting empty fields (Go's omitempty).</summary>
    public JsonObject ToJson()
    {
        var meta = new JsonObject();
        if (ResourceVersion.Length > 0)
        {
            meta["resourceVersion"] = ResourceVersion;
        }

        if (!string.IsNullOrEmpty(Continue))
        {
            meta["continue"] = Continue;
        }

        if (RemainingItemCount is { } remaining)
        {
            meta["remainingItemCount"] = remaining;
        }

        return meta;
    }
}

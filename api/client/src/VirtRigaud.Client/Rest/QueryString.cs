using System.Text;

namespace VirtRigaud.Client.Rest;

/// <summary>Query-string formatting (percent-encoding as Go's <c>url.Values.Encode</c>, in the given order).</summary>
internal static class QueryString
{
    public static string Format(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        if (query.Count == 0)
        {
            return "";
        }

        var builder = new StringBuilder("?");
        for (var i = 0; i < query.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            builder.Append(Uri.EscapeDataString(query[i].Key)).Append('=').Append(Uri.EscapeDataString(query[i].Value));
        }

        return builder.ToString();
    }
}

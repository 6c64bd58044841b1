using Microsoft.Extensions.Primitives;

namespace VirtRigaud.Apiserver.OpenApi.Protobuf;

/// <summary>
/// Chooses the representation of <c>/openapi/v2</c> as kube-openapi's handler does: the Accept clauses ordered by
/// quality (more specific first among equals), and for each clause the first of JSON, the deprecated protobuf media
/// type and the current one that it matches (<c>*</c> matching any type or subtype); no Accept header means
/// <c>*/*</c>, hence JSON. Unlike kube-openapi, a clause with <c>q=0</c> is skipped: it says "not acceptable". The
/// media types are parsed by hand because the deprecated one contains <c>@</c>, which is not an RFC 9110 token
/// character and which header parsers reject. Pure.
/// </summary>
internal static class OpenApiV2Negotiation
{
    private static readonly (string Type, string SubType, OpenApiV2Format Format)[] Offered =
    [
        ("application", "json", OpenApiV2Format.Json),
        ("application", OpenApiV2Protobuf.DeprecatedMediaType["application/".Length..], OpenApiV2Format.Protobuf),
        ("application", OpenApiV2Protobuf.MediaType["application/".Length..], OpenApiV2Format.Protobuf),
    ];

    /// <summary>The representation to send for the request's Accept header values.</summary>
    public static OpenApiV2Format Select(StringValues accept)
    {
        var header = string.Join(',', accept.Where(v => !string.IsNullOrWhiteSpace(v)));
        var clauses = Parse(header.Length == 0 ? "*/*" : header);
        foreach (var (type, subType, _) in clauses)
        {
            foreach (var offer in Offered)
            {
                if ((type == "*" || string.Equals(type, offer.Type, StringComparison.OrdinalIgnoreCase))
                    && (subType == "*" || string.Equals(subType, offer.SubType, StringComparison.OrdinalIgnoreCase)))
                {
                    return offer.Format;
                }
            }
        }

        return OpenApiV2Format.None;
    }

    private static List<(string Type, string SubType, double Quality)> Parse(string header)
    {
        var clauses = new List<(string Type, string SubType, double Quality)>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var slash = pieces[0].IndexOf('/', StringComparison.Ordinal);
            var (type, subType) = slash < 0 ? (pieces[0], "*") : (pieces[0][..slash], pieces[0][(slash + 1)..]);
            var quality = 1.0;
            foreach (var parameter in pieces.Skip(1))
            {
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(parameter.AsSpan(2), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q))
                {
                    quality = q;
                }
            }

            if (quality > 0 && type.Length > 0)
            {
                clauses.Add((type, subType, quality));
            }
        }

        // Stable: equally preferred clauses keep the client's order, as the client listed them.
        return [.. clauses
            .Select((c, i) => (Clause: c, Index: i))
            .OrderByDescending(x => x.Clause.Quality)
            .ThenBy(x => x.Clause.Type == "*" ? 1 : 0)
            .ThenBy(x => x.Clause.SubType == "*" ? 1 : 0)
            .ThenBy(x => x.Index)
            .Select(x => x.Clause)];
    }
}

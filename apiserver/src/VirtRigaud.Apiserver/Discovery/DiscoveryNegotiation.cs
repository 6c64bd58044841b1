using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>
/// Content negotiation for discovery documents, as kube-apiserver's aggregated discovery wrapper does it: the client's
/// media ranges are tried in order of quality (ties keep the client's order), unsupported ones (protobuf, YAML, other
/// <c>as=</c> kinds) are skipped, and nothing acceptable means 406. Pure.
/// </summary>
internal static class DiscoveryNegotiation
{
    public const string DiscoveryGroup = "apidiscovery.k8s.io";
    public const string AggregatedKind = "APIGroupDiscoveryList";
    public const string V2ContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public const string V2Beta1ContentType = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
    public const string JsonContentType = "application/json";

    /// <summary>The media types a 406 answer names.</summary>
    public static IReadOnlyList<string> AcceptedMediaTypes { get; } = [JsonContentType, V2ContentType, V2Beta1ContentType];

    /// <summary>
    /// The format for an <c>Accept</c> header. <paramref name="allowAggregated"/> is false for documents that exist
    /// only in legacy form (<c>/apis/{group}</c>, <c>/apis/{group}/{version}</c>).
    /// </summary>
    public static DiscoveryFormat Negotiate(StringValues accept, bool allowAggregated)
    {
        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            // No (or an unparsable) Accept: Go's negotiation falls back to the default, JSON.
            return StringValues.IsNullOrEmpty(accept) ? DiscoveryFormat.Legacy : DiscoveryFormat.None;
        }

        // Stable sort by quality, highest first: the client's order breaks ties.
        var ordered = ranges
            .Select((range, index) => (range, index))
            .Where(r => (r.range.Quality ?? 1.0) > 0)
            .OrderByDescending(r => r.range.Quality ?? 1.0)
            .ThenBy(r => r.index)
            .Select(r => r.range);
        foreach (var range in ordered)
        {
            var format = Match(range, allowAggregated);
            if (format != DiscoveryFormat.None)
            {
                return format;
            }
        }

        return DiscoveryFormat.None;
    }

    private static DiscoveryFormat Match(MediaTypeHeaderValue range, bool allowAggregated)
    {
        var type = range.Type.Value;
        var subType = range.SubType.Value;
        if (type == "*" && subType == "*")
        {
            return DiscoveryFormat.Legacy;
        }

        if (!string.Equals(type, "application", StringComparison.OrdinalIgnoreCase))
        {
            return DiscoveryFormat.None;
        }

        if (subType == "*")
        {
            return DiscoveryFormat.Legacy;
        }

        if (!string.Equals(subType, "json", StringComparison.OrdinalIgnoreCase))
        {
            return DiscoveryFormat.None;
        }

        string? g = null, v = null, asKind = null;
        foreach (var p in range.Parameters)
        {
            var value = HeaderUtilities.RemoveQuotes(p.Value).Value;
            switch (p.Name.Value?.ToLowerInvariant())
            {
                case "g": g = value; break;
                case "v": v = value; break;
                case "as": asKind = value; break;
                case "q" or "charset" or "pretty": break;
                default: return DiscoveryFormat.None;
            }
        }

        if (g is null && v is null && asKind is null)
        {
            return DiscoveryFormat.Legacy;
        }

        if (!allowAggregated || g != DiscoveryGroup || asKind != AggregatedKind)
        {
            return DiscoveryFormat.None;
        }

        return v switch
        {
            "v2" => DiscoveryFormat.AggregatedV2,
            "v2beta1" => DiscoveryFormat.AggregatedV2Beta1,
            _ => DiscoveryFormat.None,
        };
    }
}

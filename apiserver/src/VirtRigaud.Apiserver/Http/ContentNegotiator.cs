using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// Output content negotiation as kube-apiserver's <c>negotiation.NegotiateOutputMediaType</c> does it: the first
/// <c>Accept</c> range (best quality first) the endpoint can serve wins; <c>*/*</c> and <c>application/*</c> mean JSON;
/// <c>as</c>/<c>g</c>/<c>v</c> ask for a meta.k8s.io transformation (Table, PartialObjectMetadata[List], v1 or v1beta1)
/// where the endpoint allows one; ranges it cannot serve (protobuf, CBOR, an unknown <c>as</c>) are skipped; nothing
/// left is a 406. Pretty printing follows <c>negotiate.go</c>'s <c>isPrettyPrint</c>.
/// </summary>
internal static class ContentNegotiator
{
    /// <summary>The media types objects are served in, as the 406 message lists them.</summary>
    public static IReadOnlyList<string> SupportedMediaTypes { get; } = ["application/json", "application/yaml"];

    /// <summary>
    /// The response format for a request. <paramref name="allowTransform"/>: whether Table/PartialObjectMetadata may be
    /// chosen (object endpoints); <paramref name="watch"/>: a watch stream, which has no YAML form and accepts
    /// <c>;stream=watch</c>. Throws 406 NotAcceptable when no range can be served.
    /// </summary>
    public static ResponseFormat Negotiate(HttpRequest request, bool allowTransform, bool watch)
    {
        var pretty = IsPrettyPrint(request);
        // No Accept (or an empty one) means anything; an Accept whose every range has q=0 means nothing.
        if (request.Headers.Accept.All(string.IsNullOrWhiteSpace))
        {
            return new ResponseFormat { Pretty = pretty };
        }

        var ranges = MediaTypeRange.ParseAccept(request.Headers.Accept);
        foreach (var range in ranges)
        {
            if (TryServe(range, allowTransform, watch, pretty, out var format))
            {
                return format;
            }
        }

        throw StatusException.NotAcceptable(SupportedMediaTypes);
    }

    /// <summary>
    /// The format of an error Status: JSON or YAML as the client accepts, never transformed, JSON when nothing fits
    /// (kube-apiserver's <c>ErrorNegotiated</c>). Never throws.
    /// </summary>
    public static ResponseFormat ForStatus(HttpRequest request)
    {
        var pretty = IsPrettyPrint(request);
        foreach (var range in MediaTypeRange.ParseAccept(request.Headers.Accept))
        {
            if (range.Parameter("as") is null && TryServe(range, allowTransform: false, watch: false, pretty, out var format))
            {
                return format;
            }
        }

        return new ResponseFormat { Pretty = pretty };
    }

    /// <summary>
    /// kube-apiserver's <c>isPrettyPrint</c>: a non-empty <c>?pretty=</c> decides (Go's ParseBool; unparsable is
    /// false); otherwise curl, Wget and browsers (<c>Mozilla/5.0</c>) get indented output.
    /// </summary>
    public static bool IsPrettyPrint(HttpRequest request)
    {
        if (request.Query.TryGetValue("pretty", out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]))
        {
            return values[0] is "1" or "t" or "T" or "true" or "TRUE" or "True";
        }

        var agent = request.Headers.UserAgent.ToString();
        return agent.StartsWith("curl", StringComparison.Ordinal)
            || agent.StartsWith("Wget", StringComparison.Ordinal)
            || agent.StartsWith("Mozilla/5.0", StringComparison.Ordinal);
    }

    private static bool TryServe(MediaTypeRange range, bool allowTransform, bool watch, bool pretty, out ResponseFormat format)
    {
        format = null!;
        bool yaml;
        switch (range.Type, range.Subtype)
        {
            case ("*", "*") or ("application", "*") or ("application", "json"):
                yaml = false;
                break;
            case ("application", "yaml") when !watch:
                yaml = true;
                break;
            default:
                return false;
        }

        if (range.Parameter("stream") is { } stream && (!watch || stream != "watch"))
        {
            return false;
        }

        var target = ResponseTarget.Object;
        var metaVersion = "v1";
        if (range.Parameter("as") is { } asKind)
        {
            if (!allowTransform || range.Parameter("g") != "meta.k8s.io" || range.Parameter("v") is not ("v1" or "v1beta1"))
            {
                return false;
            }

            metaVersion = range.Parameter("v")!;
            switch (asKind)
            {
                case "Table":
                    target = ResponseTarget.Table;
                    break;
                case "PartialObjectMetadata":
                    target = ResponseTarget.PartialObjectMetadata;
                    break;
                case "PartialObjectMetadataList":
                    target = ResponseTarget.PartialObjectMetadataList;
                    break;
                default:
                    return false;
            }
        }

        format = new ResponseFormat
        {
            Yaml = yaml,
            Target = target,
            MetaVersion = metaVersion,
            Pretty = pretty || range.Parameter("pretty") == "1",
        };
        return true;
    }
}

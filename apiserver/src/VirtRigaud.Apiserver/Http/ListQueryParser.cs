using System.Globalization;
using Microsoft.Extensions.Primitives;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Fields;
using VirtRigaud.Api.Machinery.Labels;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// metav1.ListOptions from a query string, converted and validated as kube-apiserver does: unparsable values and
/// selectors are 400 BadRequest with the parser's message (ParameterCodec); inconsistent combinations are
/// 422 Invalid <c>ListOptions.meta.k8s.io</c> (apimachinery's ValidateListOptions), and <c>continue</c> with a
/// resourceVersion is the storage layer's 400.
/// </summary>
internal static class ListQueryParser
{
    private const string NotOlderThan = "NotOlderThan";
    private const string Exact = "Exact";

    /// <summary>Parses the list/watch parameters. <paramref name="watch"/>: the request is a watch (decided by RequestInfo).</summary>
    public static ListQuery Parse(IQueryCollection query, bool watch)
    {
        var labelSelector = Selector.Everything;
        if (First(query, "labelSelector") is { Length: > 0 } labels)
        {
            if (!Selector.TryParse(labels, out var parsed, out var error))
            {
                throw StatusException.BadRequest(error);
            }

            labelSelector = parsed;
        }

        var fieldSelector = FieldSelector.Everything;
        if (First(query, "fieldSelector") is { Length: > 0 } fields)
        {
            if (!FieldSelector.TryParse(fields, out var parsed, out var error))
            {
                throw StatusException.BadRequest(error);
            }

            fieldSelector = parsed;
        }

        var result = new ListQuery
        {
            LabelSelector = labelSelector,
            FieldSelector = fieldSelector,
            Limit = Int64(query, "limit") ?? 0,
            Continue = NullIfEmpty(First(query, "continue")),
            ResourceVersion = NullIfEmpty(First(query, "resourceVersion")),
            ResourceVersionMatch = NullIfEmpty(First(query, "resourceVersionMatch")),
            Watch = watch,
            AllowWatchBookmarks = Bool(query, "allowWatchBookmarks") ?? false,
            TimeoutSeconds = Int64(query, "timeoutSeconds"),
            SendInitialEvents = Bool(query, "sendInitialEvents"),
        };

        var errors = watch ? ValidateWatch(result) : ValidateList(result);
        if (errors.Count > 0)
        {
            throw StatusException.Invalid("meta.k8s.io", "ListOptions", "", errors);
        }

        if (!watch && result.Continue is not null && result.ResourceVersion is not (null or "0"))
        {
            throw StatusException.BadRequest("specifying resource version is not allowed when using continue");
        }

        return result;
    }

    private static FieldErrorList ValidateList(ListQuery q)
    {
        var errors = new FieldErrorList();
        var matchPath = FieldPath.NewPath("resourceVersionMatch");
        if (q.ResourceVersionMatch is { } match)
        {
            if (q.ResourceVersion is null)
            {
                errors.Add(FieldError.Forbidden(matchPath, "resourceVersionMatch is forbidden unless resourceVersion is provided"));
            }

            if (q.Continue is not null)
            {
                errors.Add(FieldError.Forbidden(matchPath, "resourceVersionMatch is forbidden when continue is provided"));
            }

            if (match is not (Exact or NotOlderThan))
            {
                errors.Add(FieldError.NotSupported(matchPath, match, [Exact, NotOlderThan, ""]));
            }

            if (match == Exact && q.ResourceVersion == "0")
            {
                errors.Add(FieldError.Forbidden(matchPath, "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }
        }

        if (q.SendInitialEvents is not null)
        {
            errors.Add(FieldError.Forbidden(FieldPath.NewPath("sendInitialEvents"), "sendInitialEvents is forbidden for list"));
        }

        return errors;
    }

    private static FieldErrorList ValidateWatch(ListQuery q)
    {
        var errors = new FieldErrorList();
        var matchPath = FieldPath.NewPath("resourceVersionMatch");
        if (q.SendInitialEvents is not null)
        {
            if (q.ResourceVersionMatch != NotOlderThan)
            {
                errors.Add(FieldError.Forbidden(matchPath, $"sendInitialEvents requires setting resourceVersionMatch to {NotOlderThan}"));
            }

            if (q.SendInitialEvents == true && !q.AllowWatchBookmarks)
            {
                errors.Add(FieldError.Forbidden(FieldPath.NewPath("allowWatchBookmarks"), "sendInitialEvents requires allowWatchBookmarks=true: the end of the initial events is marked by a bookmark"));
            }
        }

        if (q.ResourceVersionMatch is { } match)
        {
            if (q.SendInitialEvents is null)
            {
                errors.Add(FieldError.Forbidden(matchPath, "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
            }

            if (match != NotOlderThan)
            {
                errors.Add(FieldError.NotSupported(matchPath, match, [NotOlderThan]));
            }

            if (q.Continue is not null)
            {
                errors.Add(FieldError.Forbidden(matchPath, "resourceVersionMatch is forbidden when continue is provided"));
            }
        }

        return errors;
    }

    /// <summary>The first value of a parameter, or null.</summary>
    public static string? First(IQueryCollection query, string name) =>
        query.TryGetValue(name, out StringValues values) && values.Count > 0 ? values[0] : null;

    /// <summary>An int64 parameter as the ParameterCodec converts it (400 with strconv's wording when unparsable).</summary>
    public static long? Int64(IQueryCollection query, string name)
    {
        if (First(query, name) is not { } text)
        {
            return null;
        }

        if (text.Length == 0)
        {
            return 0;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw StatusException.BadRequest($"strconv.ParseInt: parsing {GoQuote(text)}: invalid syntax");
    }

    /// <summary>A bool parameter as the ParameterCodec converts it: "0" and "false" (any case) are false, anything else true.</summary>
    public static bool? Bool(IQueryCollection query, string name) =>
        First(query, name) is { } text ? !(text == "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase)) : null;

    private static string GoQuote(string s) => FieldError.Quote(s);

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

namespace VirtRigaud.Apiserver.Http;

/// <summary>Parses <see cref="RequestInfo"/> from an HTTP request (k8s.io/apiserver/pkg/endpoints/request.RequestInfoFactory).</summary>
public static class RequestInfoParser
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    /// <summary>Parses the request's path, method and query.</summary>
    public static RequestInfo Parse(string method, string path, IQueryCollection query)
    {
        var nonResource = new RequestInfo { Path = path, Verb = method.ToLowerInvariant() };
        var segments = path.Trim('/').Split('/', StringSplitOptions.None);
        if (segments.Length == 0 || segments[0] is not ("apis" or "api"))
        {
            return nonResource;
        }

        var prefix = segments[0];
        var rest = segments.AsSpan(1);
        string group = "";
        if (prefix == "apis")
        {
            if (rest.Length < 3)
            {
                // /apis, /apis/{group}, /apis/{group}/{version}: discovery.
                return nonResource with { ApiPrefix = prefix, ApiGroup = rest.Length > 0 ? rest[0] : "", ApiVersion = rest.Length > 1 ? rest[1] : "" };
            }

            group = rest[0];
            rest = rest[1..];
        }
        else if (rest.Length < 2)
        {
            return nonResource with { ApiPrefix = prefix, ApiVersion = rest.Length > 0 ? rest[0] : "" };
        }

        var version = rest[0];
        var parts = rest[1..].ToArray();
        var info = new RequestInfo
        {
            IsResourceRequest = true,
            Path = path,
            Verb = "",
            ApiPrefix = prefix,
            ApiGroup = group,
            ApiVersion = version,
        };

        var verb = method.ToUpperInvariant() switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };

        // The deprecated /watch/ prefix form.
        if (parts.Length > 0 && parts[0] == "watch")
        {
            verb = "watch";
            parts = parts[1..];
        }

        var ns = "";
        var resourceParts = parts;
        if (parts.Length > 0 && parts[0] == "namespaces")
        {
            if (parts.Length > 1)
            {
                ns = parts[1];
                // /namespaces/{ns} alone and /namespaces/{ns}/status|finalize are the namespace object itself.
                resourceParts = parts.Length > 2 && !NamespaceSubresources.Contains(parts[2]) ? parts[2..] : parts;
                if (ReferenceEquals(resourceParts, parts))
                {
                    resourceParts = parts.Length > 2 ? ["namespaces", parts[1], parts[2]] : ["namespaces", parts[1]];
                    ns = "";
                }
            }
        }

        var resource = resourceParts.Length > 0 ? resourceParts[0] : "";
        var name = resourceParts.Length > 1 ? resourceParts[1] : "";
        var subresource = resourceParts.Length > 2 ? resourceParts[2] : "";
        if (resource == "namespaces" && resourceParts.Length > 1)
        {
            // A namespace names itself.
            ns = name;
        }

        if (name.Length == 0 && verb == "get")
        {
            verb = "list";
        }

        if (verb is "get" or "list" && IsWatch(query))
        {
            verb = "watch";
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return info with
        {
            Verb = verb,
            Namespace = ns,
            Resource = resource,
            Name = name,
            Subresource = subresource,
            Parts = resourceParts,
        };
    }

    /// <summary>
    /// metav1.ListOptions' rule for <c>watch</c> (runtime.Convert_Slice_string_To_bool): present and anything but
    /// <c>0</c> or <c>false</c> in any case is true — python-kubernetes sends <c>watch=True</c>.
    /// </summary>
    private static bool IsWatch(IQueryCollection query) =>
        query.TryGetValue("watch", out var values) && values.Count > 0
        && values[0] is { } value && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);
}

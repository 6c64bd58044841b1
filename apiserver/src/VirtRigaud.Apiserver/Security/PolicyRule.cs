namespace VirtRigaud.Apiserver.Security;

/// <summary>
/// One allow rule of the static authorization policy, shaped like an RBAC rule plus its binding: who
/// (<see cref="Users"/>, <see cref="Groups"/>), which verbs, and either resources (with API groups, optional names and
/// namespaces) or non-resource URLs. <c>*</c> is a wildcard in every list. Matching follows RBAC exactly where RBAC
/// has the concept (resource <c>virtualmachines</c> does not cover <c>virtualmachines/status</c>; <c>*/status</c>
/// covers every status subresource; a URL ending in <c>*</c> is a prefix).
/// </summary>
public sealed record PolicyRule
{
    /// <summary>User names the rule applies to.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>Groups the rule applies to (a user in any of them).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Kubernetes verbs (get, list, watch, create, update, patch, delete, deletecollection; lower-case HTTP methods for URLs).</summary>
    public required IReadOnlyList<string> Verbs { get; init; }

    /// <summary>API groups of <see cref="Resources"/> (<c>""</c> is the core group).</summary>
    public IReadOnlyList<string> ApiGroups { get; init; } = [];

    /// <summary>Resources, with subresources as <c>virtualmachines/status</c>.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Object names the rule is limited to; empty = any.</summary>
    public IReadOnlyList<string> ResourceNames { get; init; } = [];

    /// <summary>Namespaces the rule is limited to; empty = every namespace and cluster-wide requests.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Non-resource paths such as <c>/healthz</c> or <c>/apis/*</c>.</summary>
    public IReadOnlyList<string> NonResourceUrls { get; init; } = [];

    /// <summary>Whether the rule allows the request; pure.</summary>
    public bool Allows(AuthorizationAttributes request) =>
        AppliesTo(request.User) && Contains(Verbs, request.Verb) && (request.IsResourceRequest ? AllowsResource(request) : AllowsPath(request.Path));

    private bool AppliesTo(UserInfo user) =>
        Contains(Users, user.Name) || Groups.Any(g => g == "*" || user.Groups.Contains(g, StringComparer.Ordinal));

    private bool AllowsResource(AuthorizationAttributes request)
    {
        if (Resources.Count == 0 || !Contains(ApiGroups, request.ApiGroup))
        {
            return false;
        }

        if (Namespaces.Count > 0 && !Contains(Namespaces, request.Namespace))
        {
            return false;
        }

        if (ResourceNames.Count > 0 && !ResourceNames.Contains(request.Name, StringComparer.Ordinal))
        {
            return false;
        }

        var combined = request.Subresource.Length == 0 ? request.Resource : $"{request.Resource}/{request.Subresource}";
        return Resources.Any(r => r == "*" || r == combined || (request.Subresource.Length > 0 && r == "*/" + request.Subresource));
    }

    private bool AllowsPath(string path) =>
        NonResourceUrls.Any(u => u == "*" || u == path || (u.EndsWith('*') && path.StartsWith(u[..^1], StringComparison.Ordinal)));

    private static bool Contains(IReadOnlyList<string> values, string value) =>
        values.Any(v => v == "*" || v == value);
}

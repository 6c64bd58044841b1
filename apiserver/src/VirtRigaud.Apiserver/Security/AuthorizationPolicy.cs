namespace VirtRigaud.Apiserver.Security;

/// <summary>
/// The static authorization policy: a list of allow rules (there is no deny, as in RBAC). The built-in rules
/// (<see cref="BuiltInRules"/>) are always part of it; a policy file adds rules. Members of <c>system:masters</c> are
/// allowed everything by <see cref="PrivilegedGroupAuthorizer"/> before the policy is consulted.
/// </summary>
public sealed record AuthorizationPolicy
{
    /// <summary>
    /// kube-apiserver's bootstrap roles that matter here: <c>system:public-info-viewer</c> (everyone, including
    /// anonymous, may GET health and version) and <c>system:discovery</c> (authenticated users may GET discovery,
    /// OpenAPI, health and version).
    /// </summary>
    public static IReadOnlyList<PolicyRule> BuiltInRules { get; } =
    [
        new()
        {
            Groups = ["system:authenticated", "system:unauthenticated"],
            Verbs = ["get"],
            NonResourceUrls = ["/healthz", "/livez", "/readyz", "/version", "/version/"],
        },
        new()
        {
            Groups = [UserInfo.Authenticated],
            Verbs = ["get"],
            NonResourceUrls = ["/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*", "/healthz", "/livez", "/readyz", "/version", "/version/"],
        },
    ];

    /// <summary>The policy without a policy file: only the built-in rules.</summary>
    public static AuthorizationPolicy Default { get; } = new() { Rules = BuiltInRules };

    /// <summary>Every rule, built-in ones first.</summary>
    public required IReadOnlyList<PolicyRule> Rules { get; init; }
}

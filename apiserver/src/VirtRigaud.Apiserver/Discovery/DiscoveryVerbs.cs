namespace VirtRigaud.Apiserver.Discovery;

/// <summary>
/// The verbs discovery advertises, in kube-apiserver's order for custom resources. Clients act on them (the garbage
/// collector needs delete+list+watch, the namespace controller delete/deletecollection, quota create+list+watch+delete),
/// so every verb listed here must be served.
/// </summary>
public static class DiscoveryVerbs
{
    /// <summary>The main resource: the order the CRD discovery controller uses (not alphabetical).</summary>
    public static IReadOnlyList<string> Resource { get; } = ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"];

    /// <summary>The <c>status</c> and <c>scale</c> subresources.</summary>
    public static IReadOnlyList<string> StatusAndScale { get; } = ["get", "patch", "update"];

    /// <summary><c>virtualmachines/power</c>: a POST of a power request, which RBAC sees as <c>create</c>.</summary>
    public static IReadOnlyList<string> Power { get; } = ["create"];

    /// <summary><c>virtualmachines/console</c>: a GET (plain, or upgraded to a WebSocket), which RBAC sees as <c>get</c>.</summary>
    public static IReadOnlyList<string> Console { get; } = ["get"];
}

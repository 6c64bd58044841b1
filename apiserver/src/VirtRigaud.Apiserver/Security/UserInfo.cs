namespace VirtRigaud.Apiserver.Security;

/// <summary>An authenticated identity (k8s.io/apiserver user.Info).</summary>
/// <param name="Name">The user name, e.g. <c>admin</c> or <c>system:serviceaccount:ns:sa</c>.</param>
/// <param name="Uid">A unique id when the authenticator knows one, else empty.</param>
/// <param name="Groups">The groups, including <c>system:authenticated</c>.</param>
/// <param name="Extra">Extra attributes (scopes and the like) from the authenticator.</param>
public sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    public const string Authenticated = "system:authenticated";
    public const string Masters = "system:masters";

    /// <summary>The user of requests without credentials (kube-apiserver's anonymous authenticator).</summary>
    public const string AnonymousName = "system:anonymous";

    /// <summary>The group of <see cref="AnonymousName"/>.</summary>
    public const string Unauthenticated = "system:unauthenticated";

    /// <summary>The identity of a request without credentials when anonymous requests are enabled.</summary>
    public static UserInfo Anonymous { get; } =
        new(AnonymousName, "", [Unauthenticated], new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>A user with the given groups (plus <c>system:authenticated</c>) and no extras.</summary>
    public static UserInfo Create(string name, params IEnumerable<string> groups) =>
        new(name, "", groups.Append(Authenticated).Distinct(StringComparer.Ordinal).ToList(), new Dictionary<string, IReadOnlyList<string>>());
}

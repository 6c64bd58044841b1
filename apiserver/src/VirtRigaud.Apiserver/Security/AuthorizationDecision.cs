namespace VirtRigaud.Apiserver.Security;

/// <summary>An authorizer's answer: allow, deny, or no opinion (the next authorizer decides; the last no-opinion denies).</summary>
public readonly record struct AuthorizationDecision(AuthorizationVerdict Verdict, string Reason)
{
    public static AuthorizationDecision Allow(string reason = "") => new(AuthorizationVerdict.Allow, reason);

    public static AuthorizationDecision Deny(string reason) => new(AuthorizationVerdict.Deny, reason);

    public static AuthorizationDecision NoOpinion(string reason = "") => new(AuthorizationVerdict.NoOpinion, reason);
}

namespace VirtRigaud.Apiserver.Security;

public enum AuthorizationVerdict
{
    NoOpinion,
    Allow,
    Deny,
}

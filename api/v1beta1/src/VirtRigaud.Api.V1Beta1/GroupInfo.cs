namespace VirtRigaud.Api.V1Beta1;

/// <summary>The API group and version of every kind in this assembly.</summary>
public static class GroupInfo
{
    public const string Group = "infra.virtrigaud.io";
    public const string Version = "v1beta1";
    public const string ApiVersion = Group + "/" + Version;
}

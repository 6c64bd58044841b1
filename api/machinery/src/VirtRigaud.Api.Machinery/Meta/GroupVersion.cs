namespace VirtRigaud.Api.Machinery;

/// <summary>An API group and version, as written in <c>apiVersion</c> (<c>v1</c> is the core group).</summary>
public readonly record struct GroupVersion(string Group, string Version)
{
    /// <summary>Splits <c>group/version</c>; a value without a slash is a version of the core group.</summary>
    public static GroupVersion Parse(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new GroupVersion("", apiVersion) : new GroupVersion(apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    /// <summary>The <c>apiVersion</c> string: <c>group/version</c>, or <c>version</c> for the core group.</summary>
    public override string ToString() => Group.Length == 0 ? Version : $"{Group}/{Version}";
}

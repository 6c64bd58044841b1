namespace VirtRigaud.Api.Machinery;

/// <summary>An API group and version, as written in <c>apiVersion</c> (<c>v1</c> is the core group).</summary>
public readonly record struct GroupVersion(string Group, string Version)
{
    /// <summary>
    /// Splits <c>group/version</c> as <c>schema.ParseGroupVersion</c> does: no slash is a version of the core group,
    /// <c>""</c> and <c>"/"</c> are the empty GroupVersion, more than one slash is an error.
    /// </summary>
    /// <exception cref="FormatException">The value has more than one slash.</exception>
    public static GroupVersion Parse(string apiVersion) =>
        TryParse(apiVersion, out var gv) ? gv : throw new FormatException($"unexpected GroupVersion string: {apiVersion}");

    /// <summary>As <see cref="Parse"/>, returning <c>false</c> (and the empty GroupVersion) for more than one slash.</summary>
    public static bool TryParse(string apiVersion, out GroupVersion result)
    {
        result = new GroupVersion("", "");
        if (apiVersion.Length == 0 || apiVersion == "/")
        {
            return true;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            result = new GroupVersion("", apiVersion);
            return true;
        }

        if (apiVersion.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        result = new GroupVersion(apiVersion[..slash], apiVersion[(slash + 1)..]);
        return true;
    }

    /// <summary>The <c>apiVersion</c> string: <c>group/version</c>, or <c>version</c> for the core group.</summary>
    public override string ToString() => Group.Length == 0 ? Version : $"{Group}/{Version}";
}

namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>URLs as they may appear in messages and logs: without user info (passwords) and query (tokens). Pure.</summary>
internal static class UrlText
{
    public static string Redact(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "(invalid URL)";
        }

        return uri.IsFile ? uri.LocalPath : $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}";
    }
}

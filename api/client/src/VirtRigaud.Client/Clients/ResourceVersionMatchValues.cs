namespace VirtRigaud.Client.Clients;

/// <summary>The values of <see cref="ListOptions.ResourceVersionMatch"/>.</summary>
public static class ResourceVersionMatchValues
{
    /// <summary>Serve data at least as new as the given resource version.</summary>
    public const string NotOlderThan = "NotOlderThan";

    /// <summary>Serve data at exactly the given resource version (lists only).</summary>
    public const string Exact = "Exact";
}

namespace VirtRigaud.Client.Configuration;

/// <summary>Where a pod finds its service-account credentials; injectable so tests can point elsewhere.</summary>
public sealed record InClusterPaths
{
    /// <summary>The directory the kubelet mounts the service-account token volume at.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The standard paths.</summary>
    public static InClusterPaths Default { get; } = new();

    /// <summary>The (projected, rotating) bearer token.</summary>
    public string TokenPath { get; init; } = ServiceAccountDirectory + "/token";

    /// <summary>The cluster CA bundle.</summary>
    public string CertificateAuthorityPath { get; init; } = ServiceAccountDirectory + "/ca.crt";

    /// <summary>The pod's namespace.</summary>
    public string NamespacePath { get; init; } = ServiceAccountDirectory + "/namespace";

    /// <summary>Paths under another directory with the standard file names (tests).</summary>
    public static InClusterPaths Under(string directory) => new()
    {
        TokenPath = Path.Combine(directory, "token"),
        CertificateAuthorityPath = Path.Combine(directory, "ca.crt"),
        NamespacePath = Path.Combine(directory, "namespace"),
    };
}

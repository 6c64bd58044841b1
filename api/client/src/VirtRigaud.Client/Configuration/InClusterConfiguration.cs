using System.Net;
using System.Net.Sockets;

namespace VirtRigaud.Client.Configuration;

/// <summary>
/// The configuration of a client running in a pod (client-go's <c>rest.InClusterConfig</c>): the API server at
/// <c>https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT</c>, trusted through the service account's
/// <c>ca.crt</c>, authenticated with its <c>token</c> — a projected token the kubelet rotates, so the client re-reads
/// the file every <see cref="KubernetesClientConfiguration.TokenFileRefreshInterval"/> — and the pod's namespace as
/// the default. Stateless; paths and environment are injectable for tests.
/// </summary>
public static class InClusterConfiguration
{
    public const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";
    public const string ServicePortVariable = "KUBERNETES_SERVICE_PORT";

    /// <summary>Whether the process looks like it runs in a pod (both service variables set).</summary>
    public static bool IsInCluster(Func<string, string?>? getEnvironmentVariable = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        return !string.IsNullOrEmpty(env(ServiceHostVariable)) && !string.IsNullOrEmpty(env(ServicePortVariable));
    }

    /// <summary>Builds the in-cluster configuration; the token file must exist now (it is re-read later).</summary>
    /// <exception cref="KubeconfigException">Not in a cluster, or the token or CA file cannot be read.</exception>
    public static KubernetesClientConfiguration Load(InClusterPaths? paths = null, Func<string, string?>? getEnvironmentVariable = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        paths ??= InClusterPaths.Default;
        var host = env(ServiceHostVariable);
        var port = env(ServicePortVariable);
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeconfigException($"unable to load in-cluster configuration, {ServiceHostVariable} and {ServicePortVariable} must be defined");
        }

        // net.JoinHostPort: an IPv6 literal goes in brackets.
        var authority = IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{host}]:{port}"
            : $"{host}:{port}";
        if (!Uri.TryCreate("https://" + authority, UriKind.Absolute, out var server))
        {
            throw new KubeconfigException($"unable to load in-cluster configuration: \"{authority}\" is not a host and port");
        }

        try
        {
            // Read once now so a missing mount fails at start, not at the first request; the value is not kept here.
            _ = File.ReadAllText(paths.TokenPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"unable to load in-cluster configuration: cannot read the service account token {paths.TokenPath}: {e.Message}", e);
        }

        string caPem;
        try
        {
            caPem = File.ReadAllText(paths.CertificateAuthorityPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"unable to load in-cluster configuration: cannot read the CA {paths.CertificateAuthorityPath}: {e.Message}", e);
        }

        var ns = File.Exists(paths.NamespacePath) ? File.ReadAllText(paths.NamespacePath).Trim() : "";
        var configuration = new KubernetesClientConfiguration
        {
            Server = server,
            CertificateAuthorities = KubernetesClientConfiguration.LoadPemBundle(caPem, paths.CertificateAuthorityPath),
            BearerTokenFile = paths.TokenPath,
            Namespace = ns.Length == 0 ? "default" : ns,
        };
        configuration.Validate();
        return configuration;
    }
}

using VirtRigaud.Client;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// Which Kubernetes APIs the server serves that the Provider controller would use: apps/v1 Deployments and core/v1
/// Services for Remote mode, core/v1 PersistentVolumeClaims for migration storage. Our standalone API server serves
/// none of them; kube-apiserver serves all. Discovered once at start (<see cref="DiscoverAsync"/>) because the
/// controller's watches are fixed when it is composed. Immutable.
/// </summary>
public sealed record ClusterApis
{
    /// <summary>None served (our standalone API server).</summary>
    public static readonly ClusterApis None = new();

    /// <summary>All served (a Kubernetes cluster).</summary>
    public static readonly ClusterApis Kubernetes = new() { Deployments = true, Services = true, PersistentVolumeClaims = true };

    /// <summary>apps/v1 deployments.</summary>
    public bool Deployments { get; init; }

    /// <summary>core/v1 services.</summary>
    public bool Services { get; init; }

    /// <summary>core/v1 persistentvolumeclaims.</summary>
    public bool PersistentVolumeClaims { get; init; }

    /// <summary>Whether Remote mode can work: Deployments and Services are both served.</summary>
    public bool SupportsRemote => Deployments && Services;

    /// <summary>Asks the server's discovery documents which of the three it serves. Reads only.</summary>
    /// <exception cref="KubernetesApiException">Discovery itself failed (not a 404 for a group that is not served).</exception>
    public static async Task<ClusterApis> DiscoverAsync(VirtRigaudClient client, CancellationToken cancellationToken) => new()
    {
        Deployments = await ServesAsync(client, "apps/v1", "Deployment", cancellationToken).ConfigureAwait(false),
        Services = await ServesAsync(client, "v1", "Service", cancellationToken).ConfigureAwait(false),
        PersistentVolumeClaims = await ServesAsync(client, "v1", "PersistentVolumeClaim", cancellationToken).ConfigureAwait(false),
    };

    private static async Task<bool> ServesAsync(VirtRigaudClient client, string apiVersion, string kind, CancellationToken cancellationToken)
    {
        try
        {
            await client.Discovery.FindResourceAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return false;
        }
        catch (KeyNotFoundException)
        {
            return false;
        }
    }
}

using VirtRigaud.Api.Machinery;
using VirtRigaud.Client;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Configuration;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Tests.Testing;

namespace VirtRigaud.Controllers.Tests.Snapshots;

/// <summary>
/// API access for the snapshot, clone, adoption and status tests. Test-side reads and writes use a client of their own
/// without client-side rate limiting, so that polling for a state never eats the manager's request budget (client-go's
/// default 5 QPS, which the manager's client keeps).
/// </summary>
public static class TestApi
{
    /// <summary>A new client on the fixture's server without client-side rate limiting (the caller disposes it).</summary>
    public static VirtRigaudClient Unthrottled(ApiServerFixture fixture) =>
        new(KubernetesClientConfiguration.LoadKubeconfig(fixture.Server.KubeconfigPath) with { Qps = -1 });

    /// <summary>Reads, changes and writes an object until no controller writes it in between (retry on conflict).</summary>
    public static async Task<T> UpdateAsync<T>(ResourceClient<T> client, string name, Func<T, T> change, bool status = false)
        where T : class, IKubernetesObject
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await client.GetAsync(name);
            try
            {
                return status ? await client.UpdateStatusAsync(change(current)) : await client.UpdateAsync(change(current));
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < 20)
            {
                // A controller wrote the object meanwhile.
            }
        }
    }

    /// <summary>The object, or null when it does not exist.</summary>
    public static async Task<T?> GetOrNullAsync<T>(ResourceClient<T> client, string name)
        where T : class, IKubernetesObject
    {
        try
        {
            return await client.GetAsync(name);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }
}

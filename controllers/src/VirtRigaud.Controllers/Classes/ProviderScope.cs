using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Cache;

namespace VirtRigaud.Controllers.Classes;

/// <summary>
/// Which Providers an aggregate status speaks about: every Provider in the object's namespace, plus the Providers of
/// the VMs that use the object (which may live elsewhere). Each is labelled by name when in the object's namespace,
/// else <c>namespace/name</c> (status maps are keyed by Provider name, as upstream; the qualified form keeps a
/// cross-namespace Provider from colliding with a local one). Pure over the listers' snapshots; thread-safe.
/// </summary>
internal static class ProviderScope
{
    /// <summary>The Providers in scope, sorted by label.</summary>
    public static IReadOnlyList<(string Label, Api.V1Beta1.Provider Provider)> For(Lister<Api.V1Beta1.Provider> providers, string ns, IEnumerable<VirtualMachine> users)
    {
        var scope = new Dictionary<string, Api.V1Beta1.Provider>(StringComparer.Ordinal);
        foreach (var provider in providers.Namespace(ns).List())
        {
            scope[provider.Metadata.Name ?? ""] = provider;
        }

        foreach (var vm in users)
        {
            var (providerNs, name) = VirtualMachineIndexes.ProviderOf(vm);
            if (providerNs != ns && providers.Get(providerNs, name) is { } provider)
            {
                scope[$"{providerNs}/{name}"] = provider;
            }
        }

        return [.. scope.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value))];
    }
}

using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Controllers.Runtime;

/// <summary>
/// What a work queue holds and a reconciler receives: the namespace and name of an object, never the object itself
/// (controller-runtime's <c>reconcile.Request</c>). The reconciler re-reads the current state from the informer cache.
/// </summary>
/// <param name="Namespace">The namespace; empty for cluster-scoped objects.</param>
/// <param name="Name">The name.</param>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    /// <summary>The key of <paramref name="obj"/>.</summary>
    public static ObjectKey Of(IKubernetesObject obj) => new(obj.Metadata.Namespace ?? "", obj.Metadata.Name ?? "");

    /// <summary><c>namespace/name</c>, or <c>name</c> when cluster-scoped (the informer cache key).</summary>
    public override string ToString() => Namespace.Length == 0 ? Name : Namespace + "/" + Name;
}

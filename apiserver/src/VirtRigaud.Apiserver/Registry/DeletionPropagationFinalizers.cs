using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>The finalizers deletion propagation adds and the garbage collector removes.</summary>
internal static class DeletionPropagationFinalizers
{
    /// <summary>Dependents are orphaned before the owner goes.</summary>
    public const string Orphan = ObjectMetaValidation.FinalizerOrphanDependents;

    /// <summary>Blocking dependents are deleted before the owner goes.</summary>
    public const string Foreground = ObjectMetaValidation.FinalizerDeleteDependents;
}

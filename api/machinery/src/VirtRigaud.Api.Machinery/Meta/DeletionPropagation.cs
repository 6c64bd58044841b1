namespace VirtRigaud.Api.Machinery;

/// <summary>The values of <see cref="DeleteOptions.PropagationPolicy"/>.</summary>
public static class DeletionPropagation
{
    /// <summary>Dependents are orphaned (their owner references to the deleted object removed).</summary>
    public const string Orphan = "Orphan";

    /// <summary>The object goes at once; the garbage collector deletes dependents afterwards.</summary>
    public const string Background = "Background";

    /// <summary>The object stays (with the <c>foregroundDeletion</c> finalizer) until its blocking dependents are gone.</summary>
    public const string Foreground = "Foreground";
}

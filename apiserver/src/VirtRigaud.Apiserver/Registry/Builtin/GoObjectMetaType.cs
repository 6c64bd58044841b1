namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// <c>metav1.ObjectMeta</c>: left as it is by <see cref="GoJson"/> (the generic store reads and validates metadata
/// itself) and published as a reference to the shared ObjectMeta definition.
/// </summary>
internal sealed class GoObjectMetaType : GoType
{
    private GoObjectMetaType()
    {
    }

    public static GoObjectMetaType Instance { get; } = new();

    /// <inheritdoc />
    public override string GoName => "v1.ObjectMeta";
}

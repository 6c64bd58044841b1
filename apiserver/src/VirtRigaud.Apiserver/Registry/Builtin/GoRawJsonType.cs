namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// <c>metav1.FieldsV1</c>: any JSON in JSON form; in protobuf a message whose field 1 holds that JSON's bytes. Used by
/// the protobuf description of ObjectMeta's managed fields.
/// </summary>
internal sealed class GoRawJsonType : GoType
{
    private GoRawJsonType()
    {
    }

    public static GoRawJsonType Instance { get; } = new();

    /// <inheritdoc />
    public override string GoName => "v1.FieldsV1";
}

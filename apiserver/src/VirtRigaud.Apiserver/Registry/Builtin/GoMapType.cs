namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary><c>map[string]T</c>: a JSON object; encoded with its keys sorted, as Go encodes maps.</summary>
internal sealed class GoMapType(GoType value) : GoType
{
    public GoType Value { get; } = value;

    /// <inheritdoc />
    public override string GoName => "map[string]" + Value.GoName;
}

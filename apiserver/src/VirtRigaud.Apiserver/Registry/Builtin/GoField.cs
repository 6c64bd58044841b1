namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// One field of a <see cref="GoStructType"/>: its JSON name, protobuf field number (k8s.io/api's generated.proto), type
/// and struct tag options.
/// <list type="table">
/// <item><term><see cref="OmitEmpty"/></term><description><c>,omitempty</c>: a zero value (<c>""</c>, 0, false, nil
/// pointer, empty map or slice) is not written; structs and times are always written</description></item>
/// <item><term><see cref="Pointer"/></term><description><c>*T</c>: JSON null means nil, written as null unless omitempty</description></item>
/// <item><term><see cref="Required"/></term><description>listed in the definition's <c>required</c> (openapi-gen's rule)</description></item>
/// </list>
/// </summary>
internal sealed record GoField(string Name, int Proto, GoType Type, string Description)
{
    public bool OmitEmpty { get; init; } = true;

    public bool Pointer { get; init; }

    public bool Required { get; init; }
}

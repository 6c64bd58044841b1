namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary><c>[]T</c>: a JSON array.</summary>
internal sealed class GoSliceType(GoType element) : GoType
{
    public GoType Element { get; } = element;

    /// <summary>The <c>x-kubernetes-list-type</c> published for the list (<c>atomic</c> by default).</summary>
    public string ListType { get; init; } = "atomic";

    /// <inheritdoc />
    public override string GoName => "[]" + Element.GoName;
}

using System.Globalization;
using System.Text;

namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// An immutable path to a field, printed as Kubernetes prints it: <c>spec.disks[0].name</c>,
/// <c>metadata.labels[app]</c>. Mirrors k8s.io/apimachinery's <c>field.Path</c>.
/// </summary>
public sealed class FieldPath : IEquatable<FieldPath>
{
    private readonly FieldPath? _parent;
    private readonly string _name;
    private readonly string? _index;

    private FieldPath(FieldPath? parent, string name, string? index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    /// <summary>A root path: <c>NewPath("spec")</c>, or several elements <c>NewPath("spec", "template")</c>.</summary>
    public static FieldPath NewPath(string name, params string[] more)
    {
        var p = new FieldPath(null, name, null);
        foreach (var m in more)
        {
            p = p.Child(m);
        }

        return p;
    }

    /// <summary>
    /// A named child field, or several (<c>Child("template", "spec")</c> is <c>.template.spec</c>). As in Go, a name is
    /// printed as given: a dotted name is one element that merely prints like several.
    /// </summary>
    public FieldPath Child(string name, params string[] more)
    {
        var p = new FieldPath(this, name, null);
        foreach (var m in more)
        {
            p = p.Child(m);
        }

        return p;
    }

    /// <summary>A list element: <c>[3]</c>.</summary>
    public FieldPath Index(int index) => new(this, "", index.ToString(CultureInfo.InvariantCulture));

    /// <summary>A map element: <c>[key]</c>.</summary>
    public FieldPath Key(string key) => new(this, "", key);

    /// <summary>The root of this path.</summary>
    public FieldPath Root() => _parent?.Root() ?? this;

    /// <summary>
    /// The path as Kubernetes prints it in error messages and Status causes. One deliberate difference from Go: an
    /// empty root name prints as nothing (Go prints <c>[]</c>), so <c>NewPath("").Index(0)</c> is <c>[0]</c>, the form
    /// schema validation uses for elements of a root-level list.
    /// </summary>
    public override string ToString()
    {
        var elements = new List<FieldPath>();
        for (var p = this; p is not null; p = p._parent)
        {
            elements.Add(p);
        }

        var sb = new StringBuilder();
        for (var i = elements.Count - 1; i >= 0; i--)
        {
            var e = elements[i];
            if (e._index is not null)
            {
                sb.Append('[').Append(e._index).Append(']');
            }
            else
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }

                sb.Append(e._name);
            }
        }

        return sb.ToString();
    }

    public bool Equals(FieldPath? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => obj is FieldPath p && Equals(p);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}

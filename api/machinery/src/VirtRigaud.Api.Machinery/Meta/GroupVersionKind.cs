namespace VirtRigaud.Api.Machinery;

/// <summary>A kind within an API group and version.</summary>
public readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    public GroupVersion GroupVersion => new(Group, Version);

    public override string ToString() => $"{GroupVersion}, Kind={Kind}";
}

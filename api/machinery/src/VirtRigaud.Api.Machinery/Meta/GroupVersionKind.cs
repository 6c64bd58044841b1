namespace VirtRigaud.Api.Machinery;

/// <summary>A kind within an API group and version.</summary>
public readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    public GroupVersion GroupVersion => new(Group, Version);

    /// <summary>The <c>Kind.group</c> form Kubernetes uses in messages, e.g. <c>VirtualMachine.infra.virtrigaud.io</c>.</summary>
    public string GroupKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    /// <summary>As Go's <c>GroupVersionKind.String()</c>: <c>apps/v1, Kind=Deployment</c>, <c>/v1, Kind=Pod</c> in the core group.</summary>
    public override string ToString() => $"{Group}/{Version}, Kind={Kind}";
}

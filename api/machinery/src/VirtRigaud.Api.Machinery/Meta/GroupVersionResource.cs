namespace VirtRigaud.Api.Machinery;

/// <summary>A resource (plural, lower case) within an API group and version.</summary>
public readonly record struct GroupVersionResource(string Group, string Version, string Resource)
{
    public GroupVersion GroupVersion => new(Group, Version);

    /// <summary>The <c>resource.group</c> form Kubernetes uses in messages, e.g. <c>virtualmachines.infra.virtrigaud.io</c>.</summary>
    public string GroupResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    /// <summary>As Go's <c>GroupVersionResource.String()</c>: <c>apps/v1, Resource=deployments</c>, <c>/v1, Resource=pods</c>.</summary>
    public override string ToString() => $"{Group}/{Version}, Resource={Resource}";
}

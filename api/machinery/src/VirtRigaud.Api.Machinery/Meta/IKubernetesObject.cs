namespace VirtRigaud.Api.Machinery;

/// <summary>
/// Any Kubernetes object: <c>apiVersion</c> and <c>kind</c> (TypeMeta) plus <c>metadata</c> (ObjectMeta).
/// </summary>
public interface IKubernetesObject
{
    /// <summary>The group/version of the object's schema, e.g. <c>infra.virtrigaud.io/v1beta1</c>.</summary>
    string? ApiVersion { get; }

    /// <summary>The kind, in CamelCase, e.g. <c>VirtualMachine</c>.</summary>
    string? Kind { get; }

    /// <summary>Standard object metadata.</summary>
    ObjectMeta Metadata { get; }
}

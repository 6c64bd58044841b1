namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// The Go type of a field of a built-in Kubernetes type (k8s.io/api), as far as JSON is concerned: what kube-apiserver
/// decodes a request into and encodes a response from. <see cref="GoJson"/> reproduces that decode/encode round trip
/// on JSON (type errors, pruning, canonical form); <see cref="GoTypeSchemas"/> derives the OpenAPI definitions and the
/// structural schema from the same description, so that what is published is what is enforced. Immutable.
/// </summary>
internal abstract class GoType
{
    /// <summary>The type as Go's <c>reflect.Type.String()</c> prints it in decode errors: <c>int32</c>, <c>[]uint8</c>, <c>v1.LeaseSpec</c>.</summary>
    public abstract string GoName { get; }
}

namespace VirtRigaud.Apiserver.Admission;

/// <summary>
/// An admission stage after the in-process defaulting and before/after validation (k8s.io/apiserver admission.Interface).
/// Mutating plugins run before schema and strategy validation and may change <see cref="AdmissionRequest.Object"/>;
/// validating plugins run after it and may only refuse (throw a <c>StatusException</c>). The webhook plugin is one.
/// </summary>
public interface IAdmissionPlugin
{
    /// <summary>True if this plugin may change the object (runs in the mutating phase).</summary>
    bool Mutates { get; }

    /// <summary>Admits or refuses the request; throws <c>StatusException</c> (usually 403 Forbidden or 422 Invalid) to refuse.</summary>
    ValueTask AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken);
}

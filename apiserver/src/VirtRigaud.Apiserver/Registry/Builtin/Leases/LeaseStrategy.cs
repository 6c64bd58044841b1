using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Registry.Builtin.Leases;

/// <summary>
/// coordination.k8s.io/v1 Lease, as kube-apiserver's lease strategy and validation (ValidateLease, ValidateLeaseUpdate):
/// the name is a DNS subdomain; <c>spec.leaseDurationSeconds</c> must be positive and <c>spec.leaseTransitions</c> not
/// negative (their types — int32, MicroTime with six fractional digits — are enforced on decode, a 400). The
/// coordinated leader election fields (<c>strategy</c>, <c>preferredHolder</c>) are dropped, as kube-apiserver drops
/// them while the CoordinatedLeaderElection feature gate is off (its default).
/// </summary>
internal sealed class LeaseStrategy() : BuiltinStrategy(LeaseTypes.Lease)
{
    /// <inheritdoc />
    /// <remarks>MUTATES: drops the fields of a disabled feature gate.</remarks>
    public override void PrepareForCreate(JsonObject obj) => DropDisabledFields(obj);

    /// <inheritdoc />
    /// <remarks>MUTATES: drops the fields of a disabled feature gate.</remarks>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => DropDisabledFields(obj);

    /// <inheritdoc />
    protected override FieldErrorList ValidateObject(JsonObject obj, ObjectMeta meta)
    {
        var errors = ValidateMeta(meta);
        errors.AddRange(ValidateSpec(obj));
        return errors;
    }

    /// <inheritdoc />
    protected override FieldErrorList ValidateObjectUpdate(JsonObject obj, ObjectMeta meta, JsonObject old, ObjectMeta oldMeta)
    {
        var errors = ValidateMeta(meta);
        errors.AddRange(ValidateSpec(obj));
        return errors;
    }

    private static FieldErrorList ValidateSpec(JsonObject obj)
    {
        var errors = new FieldErrorList();
        var spec = obj["spec"] as JsonObject ?? [];
        var path = FieldPath.NewPath("spec");
        if (Int(spec, "leaseDurationSeconds") is { } duration && duration <= 0)
        {
            errors.Add(FieldError.Invalid(path.Child("leaseDurationSeconds"), duration, "must be greater than 0"));
        }

        if (Int(spec, "leaseTransitions") is { } transitions && transitions < 0)
        {
            errors.Add(FieldError.Invalid(path.Child("leaseTransitions"), transitions, "must be greater than or equal to 0"));
        }

        return errors;
    }

    private static long? Int(JsonObject spec, string field) =>
        spec[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<long>() : null;

    private static void DropDisabledFields(JsonObject obj)
    {
        if (obj["spec"] is JsonObject spec)
        {
            spec.Remove("strategy");
            spec.Remove("preferredHolder");
        }
    }
}

using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The rules for a <see cref="VMSnapshot"/> that its OpenAPI schema cannot express. Runs after schema validation and
/// defaulting; never mutates the object.
/// </summary>
public static class VMSnapshotValidation
{
    /// <summary>Appends every problem of <paramref name="obj"/> to <paramref name="errors"/>.</summary>
    public static void Validate(VMSnapshot obj, FieldErrorList errors)
    {
        var spec = FieldPath.NewPath("spec");
        ValidateEncryption(obj.Spec.SnapshotConfig?.Encryption, spec.Child("snapshotConfig", "encryption"), errors);
        ValidateRetention(obj.Spec.RetentionPolicy, spec.Child("retentionPolicy"), errors);
        ValidateSchedule(obj.Spec.Schedule, spec.Child("schedule"), errors);
    }

    private static void ValidateEncryption(SnapshotEncryption? encryption, FieldPath path, FieldErrorList errors)
    {
        // A standard or hardware key provider manages its own keys; an external one must be told where the key is.
        if (encryption is { Enabled: true, KeyProvider: "external", KeyRef: null })
        {
            errors.Add(FieldError.Required(path.Child("keyRef"), "an external key provider needs the Secret that holds the key"));
        }
    }

    private static void ValidateRetention(SnapshotRetentionPolicy? retention, FieldPath path, FieldErrorList errors)
    {
        if (retention is null)
        {
            return;
        }

        // A zero or negative age would delete the snapshot as soon as it is Ready.
        if (retention.MaxAge is { } maxAge && maxAge.Nanoseconds <= 0)
        {
            errors.Add(FieldError.Invalid(path.Child("maxAge"), maxAge.ToString(), "must be greater than zero"));
        }

        if (retention.GracePeriod is { } grace && grace.Nanoseconds < 0)
        {
            errors.Add(FieldError.Invalid(path.Child("gracePeriod"), grace.ToString(), "must not be negative"));
        }
    }

    private static void ValidateSchedule(SnapshotSchedule? schedule, FieldPath path, FieldErrorList errors)
    {
        if (schedule is null)
        {
            return;
        }

        var cronPath = path.Child("cronSpec");
        if (string.IsNullOrEmpty(schedule.CronSpec))
        {
            if (schedule.Enabled == true)
            {
                errors.Add(FieldError.Required(cronPath, "an enabled schedule needs a cron expression"));
            }

            return;
        }

        if (CronSpec.Check(schedule.CronSpec) is { } problem)
        {
            errors.Add(FieldError.Invalid(cronPath, schedule.CronSpec, problem));
        }
    }
}

using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The cross-field rules of <see cref="VMClass"/> that its schema cannot express.</summary>
public static class VMClassValidation
{
    /// <summary>Appends every violated rule to <paramref name="errors"/>. Never mutates <paramref name="obj"/>.</summary>
    public static void Validate(VMClass obj, FieldErrorList errors)
    {
        var spec = obj.Spec;
        var path = FieldPath.NewPath("spec");
        if (spec.Memory.Sign <= 0)
        {
            errors.Add(FieldError.Invalid(path.Child("memory"), spec.Memory.ToString(), "must be greater than zero"));
        }

        if (spec.DiskDefaults?.Size is { } size && size.Sign <= 0)
        {
            errors.Add(FieldError.Invalid(path.Child("diskDefaults", "size"), size.ToString(), "must be greater than zero"));
        }

        if (spec.ResourceLimits is { } limits)
        {
            var limitsPath = path.Child("resourceLimits");
            if (limits.CpuReservation is { } cpuReservation && limits.CpuLimit is { } cpuLimit && cpuReservation > cpuLimit)
            {
                errors.Add(FieldError.Invalid(limitsPath.Child("cpuReservation"), cpuReservation, "must be less than or equal to cpuLimit"));
            }

            if (limits.MemoryReservation is { } memoryReservation)
            {
                if (limits.MemoryLimit is { } memoryLimit && memoryReservation > memoryLimit)
                {
                    errors.Add(FieldError.Invalid(limitsPath.Child("memoryReservation"), memoryReservation.ToString(), "must be less than or equal to memoryLimit"));
                }

                if (memoryReservation > spec.Memory)
                {
                    errors.Add(FieldError.Invalid(limitsPath.Child("memoryReservation"), memoryReservation.ToString(), "must be less than or equal to spec.memory"));
                }
            }
        }

        if (spec.SecurityProfile is { } security)
        {
            var securityPath = path.Child("securityProfile");

            // Secure Boot is a UEFI feature; a BIOS VM cannot have it.
            if (security.SecureBoot == true && spec.Firmware is not (FirmwareType.UEFI or FirmwareType.EFI))
            {
                errors.Add(FieldError.Invalid(securityPath.Child("secureBoot"), true, "requires spec.firmware UEFI (Secure Boot is a UEFI feature)"));
            }

            if (security.TpmVersion is not null && security.TpmEnabled != true)
            {
                errors.Add(FieldError.Forbidden(securityPath.Child("tpmVersion"), "may only be set when tpmEnabled is true"));
            }

            if (security.EncryptionPolicy is { RequireEncryption: true, Enabled: not true })
            {
                errors.Add(FieldError.Invalid(securityPath.Child("encryptionPolicy", "requireEncryption"), true, "requires encryptionPolicy.enabled to be true"));
            }
        }
    }
}

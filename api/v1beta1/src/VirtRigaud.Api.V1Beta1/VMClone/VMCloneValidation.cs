using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The checks on a <see cref="VMClone"/> that its OpenAPI schema cannot express. Runs after schema validation and
/// defaulting, so required fields are present and enums valid; it never mutates. Whether the chosen kind of source or
/// clone type is supported depends on the provider and is left to the clone controller (<c>UnsupportedSource</c>,
/// <c>LinkedCloneUnsupported</c>).
/// </summary>
public static class VMCloneValidation
{
    public static void Validate(VMClone obj, FieldErrorList errors)
    {
        var spec = obj.Spec;
        var specPath = FieldPath.NewPath("spec");
        ValidateSource(spec.Source, specPath.Child("source"), errors);
        ValidateTarget(spec, obj.Metadata.Namespace, specPath.Child("target"), errors);
        if (spec.Options is { } options)
        {
            ValidateOptions(options, specPath.Child("options"), errors);
        }

        if (spec.Customization is { } customization)
        {
            ValidateCustomization(customization, specPath.Child("customization"), errors);
        }
    }

    private static void ValidateSource(CloneSource source, FieldPath path, FieldErrorList errors)
    {
        // Exactly one source. The first one set wins the message; every further one is reported against it.
        (string Name, bool Set)[] sources =
        [
            ("vmRef", source.VmRef is not null),
            ("snapshotRef", source.SnapshotRef is not null),
            ("templateRef", source.TemplateRef is not null),
            ("imageRef", source.ImageRef is not null),
        ];
        string? first = null;
        foreach (var (name, set) in sources)
        {
            if (!set)
            {
                continue;
            }

            if (first is null)
            {
                first = name;
            }
            else
            {
                errors.Add(FieldError.Forbidden(path.Child(name), $"may not be set together with {path.Child(first)}"));
            }
        }

        if (first is null)
        {
            errors.Add(FieldError.Required(path, "must specify exactly one of: `vmRef`, `snapshotRef`, `templateRef` or `imageRef`"));
        }
    }

    private static void ValidateTarget(VMCloneSpec spec, string? cloneNamespace, FieldPath path, FieldErrorList errors)
    {
        var target = spec.Target;

        // The clone controller refuses a target that already exists; a target named like the source VM in the same
        // namespace always does.
        var sameNamespace = string.IsNullOrEmpty(target.Namespace) || target.Namespace == cloneNamespace;
        if (sameNamespace && spec.Source.VmRef is { } vmRef && vmRef.Name == target.Name)
        {
            errors.Add(FieldError.Invalid(path.Child("name"), target.Name, "must differ from the source VM's name (spec.source.vmRef.name)"));
        }

        // These are stamped onto the target VirtualMachine; an invalid key or value would fail its creation.
        errors.AddRange(LabelValidation.ValidateLabels(target.Labels, path.Child("labels")));
        errors.AddRange(ObjectMetaValidation.ValidateAnnotations(target.Annotations, path.Child("annotations")));

        if (target.Networks is { } networks)
        {
            AddDuplicates(networks, n => n.Name, path.Child("networks"), "name", errors);
        }

        if (target.Disks is { } disks)
        {
            AddDuplicates(disks, d => d.Name, path.Child("disks"), "name", errors);
        }
    }

    private static void ValidateOptions(CloneOptions options, FieldPath path, FieldErrorList errors)
    {
        if (options.Timeout is { } timeout && timeout.Nanoseconds <= 0)
        {
            errors.Add(FieldError.Invalid(path.Child("timeout"), timeout.ToString(), "must be greater than 0"));
        }

        if (options.RetryPolicy is { } retry)
        {
            var retryPath = path.Child("retryPolicy");
            if (retry.RetryDelay is { } delay && delay.Nanoseconds < 0)
            {
                errors.Add(FieldError.Invalid(retryPath.Child("retryDelay"), delay.ToString(), "must be greater than or equal to 0"));
            }

            // A multiplier below 1 would shrink the delay on every retry (or make it negative).
            if (retry.BackoffMultiplier is { } multiplier && multiplier < 1)
            {
                errors.Add(FieldError.Invalid(retryPath.Child("backoffMultiplier"), multiplier, "must be greater than or equal to 1"));
            }
        }
    }

    private static void ValidateCustomization(VMCustomization customization, FieldPath path, FieldErrorList errors)
    {
        if (customization.Networks is { } networks)
        {
            AddDuplicates(networks, n => n.Name, path.Child("networks"), "name", errors);
        }

        if (customization.Sysprep is { } sysprep)
        {
            var sysprepPath = path.Child("sysprep");
            if (sysprep.AdminPassword is { } adminPassword)
            {
                ValidatePassword(adminPassword, sysprepPath.Child("adminPassword"), errors);
            }

            if (sysprep.JoinDomain is { } joinDomain)
            {
                ValidatePassword(joinDomain.Password, sysprepPath.Child("joinDomain", "password"), errors);
            }
        }

        if (customization.GuestCommands is { } commands)
        {
            for (var i = 0; i < commands.Count; i++)
            {
                if (commands[i].Timeout is { } timeout && timeout.Nanoseconds <= 0)
                {
                    errors.Add(FieldError.Invalid(path.Child("guestCommands").Index(i).Child("timeout"), timeout.ToString(), "must be greater than 0"));
                }
            }
        }

        if (customization.Certificates is { } certificates)
        {
            var certificatesPath = path.Child("certificates");
            AddDuplicates(certificates, c => c.Name, certificatesPath, "name", errors);
            for (var i = 0; i < certificates.Count; i++)
            {
                var certificate = certificates[i];
                var itemPath = certificatesPath.Index(i);
                if (certificate.Data is not null && certificate.SecretRef is not null)
                {
                    errors.Add(FieldError.Forbidden(itemPath.Child("secretRef"), $"may not be set together with {itemPath.Child("data")}"));
                }
                else if (string.IsNullOrEmpty(certificate.Data) && certificate.SecretRef is null)
                {
                    errors.Add(FieldError.Required(itemPath, "must specify one of: `data` or `secretRef`"));
                }
            }
        }
    }

    /// <summary>A password is given inline or by Secret, exactly one of the two.</summary>
    private static void ValidatePassword(PasswordSpec password, FieldPath path, FieldErrorList errors)
    {
        if (password.Value is not null && password.SecretRef is not null)
        {
            errors.Add(FieldError.Forbidden(path.Child("secretRef"), $"may not be set together with {path.Child("value")}"));
        }
        else if (string.IsNullOrEmpty(password.Value) && password.SecretRef is null)
        {
            errors.Add(FieldError.Required(path, "must specify one of: `value` or `secretRef`"));
        }
    }

    /// <summary>Reports every repeat of a key as <c>path[i].key: Duplicate value</c>, as Kubernetes does for list-map keys.</summary>
    private static void AddDuplicates<T>(IReadOnlyList<T> items, Func<T, string> key, FieldPath path, string keyField, FieldErrorList errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var value = key(items[i]);
            if (!seen.Add(value))
            {
                errors.Add(FieldError.Duplicate(path.Index(i).Child(keyField), value));
            }
        }
    }
}

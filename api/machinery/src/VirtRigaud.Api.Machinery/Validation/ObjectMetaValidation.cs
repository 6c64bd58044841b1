namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// The metadata rules every object obeys on create and update, as k8s.io/apimachinery/pkg/api/validation/objectmeta.go
/// defines them (names, namespace, labels, annotations, owner references, finalizers, managed fields, immutable fields).
/// Pure: nothing here mutates the metadata it is given.
/// </summary>
/// <remarks>
/// Absent strings and numbers are treated as Go's zero values (<c>""</c>, <c>0</c>, zero time), since that is what the
/// Go rules see.
/// </remarks>
public static class ObjectMetaValidation
{
    /// <summary>Largest total size of annotation keys and values, in bytes (256 KiB).</summary>
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    /// <summary>The finalizer that orphans dependents.</summary>
    public const string FinalizerOrphanDependents = "orphan";

    /// <summary>The finalizer that deletes dependents in the foreground.</summary>
    public const string FinalizerDeleteDependents = "foregroundDeletion";

    /// <summary>
    /// The metadata of an object being created, after name generation. <paramref name="nameValidator"/> is a
    /// ValidateNameFunc such as <see cref="NameValidation.NameIsDnsSubdomain"/>: called with <c>prefix: true</c> for
    /// <c>generateName</c> and <c>false</c> for <c>name</c>.
    /// </summary>
    public static FieldErrorList ValidateObjectMeta(ObjectMeta meta, bool namespaced, Func<string, bool, IEnumerable<string>> nameValidator, FieldPath path)
    {
        var errors = new FieldErrorList();
        var generateName = meta.GenerateName ?? "";
        if (generateName.Length != 0)
        {
            errors.AddRange(nameValidator(generateName, true).Select(m => FieldError.Invalid(path.Child("generateName"), generateName, m)));
        }

        var name = meta.Name ?? "";
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required(path.Child("name"), "name or generateName is required"));
        }
        else
        {
            errors.AddRange(nameValidator(name, false).Select(m => FieldError.Invalid(path.Child("name"), name, m)));
        }

        var ns = meta.Namespace ?? "";
        if (namespaced)
        {
            if (ns.Length == 0)
            {
                errors.Add(FieldError.Required(path.Child("namespace")));
            }
            else
            {
                errors.AddRange(NameValidation.ValidateNamespaceName(ns, false).Select(m => FieldError.Invalid(path.Child("namespace"), ns, m)));
            }
        }
        else if (ns.Length != 0)
        {
            errors.Add(FieldError.Forbidden(path.Child("namespace"), "not allowed on this type"));
        }

        errors.AddRange(NumberValidation.ValidateNonnegativeField(meta.Generation ?? 0, path.Child("generation")));
        errors.AddRange(LabelValidation.ValidateLabels(meta.Labels, path.Child("labels")));
        errors.AddRange(ValidateAnnotations(meta.Annotations, path.Child("annotations")));
        errors.AddRange(ValidateOwnerReferences(meta.OwnerReferences, path.Child("ownerReferences")));
        errors.AddRange(ValidateFinalizers(meta.Finalizers, path.Child("finalizers")));
        errors.AddRange(ManagedFieldsValidation.ValidateManagedFields(meta.ManagedFields, path.Child("managedFields")));
        return errors;
    }

    /// <summary>
    /// The metadata of an object being updated: no new finalizers once deletion started, a resourceVersion, no lower
    /// generation, unchanged name, namespace, uid, creation and deletion fields, and valid labels, annotations, owner
    /// references and managed fields. Like Kubernetes, finalizer names are not re-checked here.
    /// </summary>
    public static FieldErrorList ValidateObjectMetaUpdate(ObjectMeta newMeta, ObjectMeta oldMeta, FieldPath path)
    {
        var errors = new FieldErrorList();
        if (oldMeta.DeletionTimestamp is not null)
        {
            errors.AddRange(ValidateNoNewFinalizers(newMeta.Finalizers, oldMeta.Finalizers, path.Child("finalizers")));
        }

        if (string.IsNullOrEmpty(newMeta.ResourceVersion))
        {
            errors.Add(FieldError.Invalid(path.Child("resourceVersion"), newMeta.ResourceVersion ?? "", "must be specified for an update"));
        }

        var newGeneration = newMeta.Generation ?? 0;
        if (newGeneration < (oldMeta.Generation ?? 0))
        {
            errors.Add(FieldError.Invalid(path.Child("generation"), newGeneration, "must not be decremented"));
        }

        errors.AddRange(ValidateImmutableField(newMeta.Name ?? "", oldMeta.Name ?? "", path.Child("name")));
        errors.AddRange(ValidateImmutableField(newMeta.Namespace ?? "", oldMeta.Namespace ?? "", path.Child("namespace")));
        errors.AddRange(ValidateImmutableField(newMeta.Uid ?? "", oldMeta.Uid ?? "", path.Child("uid")));
        if ((newMeta.CreationTimestamp ?? default) != (oldMeta.CreationTimestamp ?? default))
        {
            errors.Add(FieldError.Invalid(path.Child("creationTimestamp"), GoSyntaxValue.Time(newMeta.CreationTimestamp), ValidationMessages.FieldImmutable));
        }

        if (newMeta.DeletionTimestamp != oldMeta.DeletionTimestamp)
        {
            object? shown = newMeta.DeletionTimestamp is { } t ? GoSyntaxValue.Time(t) : null;
            errors.Add(FieldError.Invalid(path.Child("deletionTimestamp"), shown, ValidationMessages.FieldImmutable));
        }

        errors.AddRange(ValidateImmutableField(newMeta.DeletionGracePeriodSeconds, oldMeta.DeletionGracePeriodSeconds, path.Child("deletionGracePeriodSeconds")));
        errors.AddRange(LabelValidation.ValidateLabels(newMeta.Labels, path.Child("labels")));
        errors.AddRange(ValidateAnnotations(newMeta.Annotations, path.Child("annotations")));
        errors.AddRange(ValidateOwnerReferences(newMeta.OwnerReferences, path.Child("ownerReferences")));
        errors.AddRange(ManagedFieldsValidation.ValidateManagedFields(newMeta.ManagedFields, path.Child("managedFields")));
        return errors;
    }

    /// <summary>
    /// Annotation keys are qualified names compared case-insensitively (lower-cased before the check); keys and
    /// values together may not exceed <see cref="TotalAnnotationSizeLimitBytes"/>.
    /// </summary>
    public static FieldErrorList ValidateAnnotations(IReadOnlyDictionary<string, string>? annotations, FieldPath path)
    {
        var errors = new FieldErrorList();
        foreach (var key in annotations?.Keys ?? [])
        {
            errors.AddRange(NameValidation.IsQualifiedName(key.ToLowerInvariant()).Select(m => FieldError.Invalid(path, key, m)));
        }

        if (ValidateAnnotationsSize(annotations) is not null)
        {
            // Kubernetes reports the limit, not the (possibly huge) value.
            errors.Add(FieldError.TooLong(path, "", TotalAnnotationSizeLimitBytes));
        }

        return errors;
    }

    /// <summary><c>annotations size N is larger than limit 262144</c>, or <c>null</c> when within the limit.</summary>
    public static string? ValidateAnnotationsSize(IReadOnlyDictionary<string, string>? annotations)
    {
        long total = 0;
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            total += NameValidation.ByteLength(key) + NameValidation.ByteLength(value);
        }

        return total > TotalAnnotationSizeLimitBytes
            ? FormattableString.Invariant($"annotations size {total} is larger than limit {TotalAnnotationSizeLimitBytes}")
            : null;
    }

    /// <summary>
    /// Each reference needs apiVersion (with a version), kind, name and uid; core Events may not own anything; at most
    /// one reference may be the controller. Errors are reported on the list's path, not per entry, as in Kubernetes.
    /// </summary>
    public static FieldErrorList ValidateOwnerReferences(IReadOnlyList<OwnerReference>? references, FieldPath path)
    {
        var errors = new FieldErrorList();
        string? firstController = null;
        foreach (var reference in references ?? [])
        {
            errors.AddRange(ValidateOwnerReference(reference, path));
            if (reference.Controller == true)
            {
                var controller = reference.Kind + "/" + reference.Name;
                if (firstController is not null)
                {
                    errors.Add(FieldError.Invalid(path, GoSyntaxValue.OwnerReferences(references!),
                        $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {controller}"));
                }
                else
                {
                    firstController = controller;
                }
            }
        }

        return errors;
    }

    /// <summary>Each finalizer a qualified name; <c>orphan</c> and <c>foregroundDeletion</c> not both.</summary>
    public static FieldErrorList ValidateFinalizers(IReadOnlyList<string>? finalizers, FieldPath path)
    {
        var errors = new FieldErrorList();
        foreach (var finalizer in finalizers ?? [])
        {
            errors.AddRange(ValidateFinalizerName(finalizer, path));
        }

        if (finalizers is not null && finalizers.Contains(FinalizerOrphanDependents) && finalizers.Contains(FinalizerDeleteDependents))
        {
            errors.Add(FieldError.Invalid(path, GoSyntaxValue.StringSlice(finalizers),
                $"finalizer {FinalizerOrphanDependents} and {FinalizerDeleteDependents} cannot be both set"));
        }

        return errors;
    }

    /// <summary>A finalizer name: a qualified name.</summary>
    public static FieldErrorList ValidateFinalizerName(string finalizer, FieldPath path) =>
        new(NameValidation.IsQualifiedName(finalizer).Select(m => FieldError.Invalid(path, finalizer, m)));

    /// <summary>Once deletion started, finalizers may only be removed: any name not in <paramref name="oldFinalizers"/> is Forbidden.</summary>
    public static FieldErrorList ValidateNoNewFinalizers(IReadOnlyList<string>? newFinalizers, IReadOnlyList<string>? oldFinalizers, FieldPath path)
    {
        var errors = new FieldErrorList();
        var extra = (newFinalizers ?? []).Except(oldFinalizers ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (extra.Count != 0)
        {
            errors.Add(FieldError.Forbidden(path,
                "no new finalizers can be added if the object is being deleted, found new finalizers " + GoSyntaxValue.StringSlice(extra).Text));
        }

        return errors;
    }

    /// <summary><c>field is immutable</c> when the values differ; the new value is reported.</summary>
    public static FieldErrorList ValidateImmutableField<T>(T newValue, T oldValue, FieldPath path, IEqualityComparer<T>? comparer = null)
    {
        var errors = new FieldErrorList();
        if (!(comparer ?? EqualityComparer<T>.Default).Equals(newValue, oldValue))
        {
            errors.Add(FieldError.Invalid(path, newValue, ValidationMessages.FieldImmutable));
        }

        return errors;
    }

    private static FieldErrorList ValidateOwnerReference(OwnerReference reference, FieldPath path)
    {
        var errors = new FieldErrorList();
        var (group, version) = ParseApiVersion(reference.ApiVersion);
        if (version.Length == 0)
        {
            errors.Add(FieldError.Invalid(path.Child("apiVersion"), reference.ApiVersion, "version must not be empty"));
        }

        if (reference.Kind.Length == 0)
        {
            errors.Add(FieldError.Invalid(path.Child("kind"), reference.Kind, "must not be empty"));
        }

        if (reference.Name.Length == 0)
        {
            errors.Add(FieldError.Invalid(path.Child("name"), reference.Name, "must not be empty"));
        }

        if (reference.Uid.Length == 0)
        {
            errors.Add(FieldError.Invalid(path.Child("uid"), reference.Uid, "must not be empty"));
        }

        // Kubernetes' BannedOwners: only core/v1 Event.
        if (group.Length == 0 && version == "v1" && reference.Kind == "Event")
        {
            errors.Add(FieldError.Invalid(path, GoSyntaxValue.OwnerReference(reference), "/v1, Kind=Event is disallowed from being an owner"));
        }

        return errors;
    }

    /// <summary>
    /// schema.ParseGroupVersion as FromAPIVersionAndKind uses it: <c>""</c> and <c>"/"</c> are empty, one slash splits
    /// group and version, more than one slash yields nothing.
    /// </summary>
    private static (string Group, string Version) ParseApiVersion(string apiVersion)
    {
        if (apiVersion.Length == 0 || apiVersion == "/")
        {
            return ("", "");
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return ("", apiVersion);
        }

        return apiVersion.IndexOf('/', slash + 1) >= 0 ? ("", "") : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}

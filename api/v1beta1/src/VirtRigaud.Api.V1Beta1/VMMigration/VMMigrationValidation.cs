using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The rules for a <see cref="VMMigration"/> that its OpenAPI schema cannot express. Most of them are checks upstream's
/// controller made only once the migration ran (and then failed it); here they reject the object up front. Runs after
/// schema validation and defaulting; never mutates the object.
/// </summary>
/// <remarks>
/// Deliberately not rejected: <c>source.snapshotRef</c> together with <c>createSnapshot: false</c> (upstream ignores the
/// reference then, and its own examples do this), and a cross-namespace target outside the PVC backend.
/// </remarks>
public static class VMMigrationValidation
{
    /// <summary>Appends every problem of <paramref name="obj"/> to <paramref name="errors"/>.</summary>
    public static void Validate(VMMigration obj, FieldErrorList errors)
    {
        var spec = FieldPath.NewPath("spec");
        var ns = string.IsNullOrEmpty(obj.Metadata.Namespace) ? null : obj.Metadata.Namespace;
        ValidateTarget(obj.Spec, ns, spec, errors);
        ValidateOptions(obj.Spec.Options, spec.Child("options"), errors);

        var storagePath = spec.Child("storage");
        if (obj.Spec.Storage is not { } storage)
        {
            // The export needs somewhere to write to; upstream fails the migration when it builds the staging URL.
            errors.Add(FieldError.Required(storagePath, "migration data is staged through pvc, nfs or s3"));
            return;
        }

        ValidateStorageBlocks(storage, storagePath, errors);
        if (storage.TransferMode == MigrationTransferMode.Direct && storage.Type != MigrationStorageType.Nfs)
        {
            errors.Add(FieldError.Invalid(storagePath.Child("transferMode"), "direct", "only supported when spec.storage.type is \"nfs\""));
        }

        if (storage.Type == MigrationStorageType.Pvc)
        {
            ValidatePvcNamespaces(obj.Spec, ns, spec, errors);
        }

        if (storage.Type == MigrationStorageType.Pvc && storage.Pvc is { } pvc)
        {
            ValidatePvc(pvc, storagePath.Child("pvc"), errors);
        }

        if (storage.Type == MigrationStorageType.Nfs && storage.Nfs is { } nfs)
        {
            ValidateNfs(nfs, storagePath.Child("nfs"), errors);
        }

        if (storage.Type == MigrationStorageType.S3 && storage.S3 is { } s3)
        {
            ValidateS3(s3, ns, storagePath.Child("s3"), errors);
        }
    }

    private static void ValidateTarget(VMMigrationSpec spec, string? ns, FieldPath specPath, FieldErrorList errors)
    {
        var target = spec.Target;
        var path = specPath.Child("target");

        // The target VirtualMachine is created with this class; a VirtualMachine without one is invalid.
        if (target.ClassRef is null)
        {
            errors.Add(FieldError.Required(path.Child("classRef"), "the target VirtualMachine needs a VMClass"));
        }

        // Same namespace and name as the source would make the "target" the source VirtualMachine itself.
        var sameNamespace = target.Namespace is null || (ns is not null && target.Namespace == ns);
        if (sameNamespace && target.Name == spec.Source.VMRef.Name)
        {
            errors.Add(FieldError.Invalid(path.Child("name"), target.Name,
                "must differ from spec.source.vmRef.name when the target VirtualMachine is in the migration's namespace"));
        }

        // Labels and annotations are copied onto the target VirtualMachine, whose creation would fail on bad ones.
        errors.AddRange(LabelValidation.ValidateLabels(target.Labels, path.Child("labels")));
        errors.AddRange(ObjectMetaValidation.ValidateAnnotations(target.Annotations, path.Child("annotations")));

        CheckUniqueNames(target.Networks?.Select(n => n.Name), path.Child("networks"), errors);
        CheckUniqueNames(target.Disks?.Select(d => d.Name), path.Child("disks"), errors);
    }

    private static void CheckUniqueNames(IEnumerable<string>? names, FieldPath path, FieldErrorList errors)
    {
        if (names is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                errors.Add(FieldError.Duplicate(path.Index(i).Child("name"), name));
            }

            i++;
        }
    }

    private static void ValidateOptions(MigrationOptions? options, FieldPath path, FieldErrorList errors)
    {
        if (options?.Timeout is { } timeout && timeout.Nanoseconds <= 0)
        {
            errors.Add(FieldError.Invalid(path.Child("timeout"), timeout.ToString(), "must be greater than zero"));
        }

        if (options?.RetryPolicy?.RetryDelay is { } delay && delay.Nanoseconds < 0)
        {
            errors.Add(FieldError.Invalid(path.Child("retryPolicy", "retryDelay"), delay.ToString(), "must not be negative"));
        }
    }

    // Exactly the block named by type: the others would be silently ignored, which hides a mistaken type.
    private static void ValidateStorageBlocks(MigrationStorage storage, FieldPath path, FieldErrorList errors)
    {
        var type = storage.Type switch
        {
            MigrationStorageType.Pvc => "pvc",
            MigrationStorageType.Nfs => "nfs",
            _ => "s3",
        };
        var blocks = new (MigrationStorageType Type, string Name, object? Value)[]
        {
            (MigrationStorageType.Pvc, "pvc", storage.Pvc),
            (MigrationStorageType.Nfs, "nfs", storage.Nfs),
            (MigrationStorageType.S3, "s3", storage.S3),
        };
        foreach (var (blockType, name, value) in blocks)
        {
            if (blockType == storage.Type && value is null)
            {
                errors.Add(FieldError.Required(path.Child(name), $"must be set when spec.storage.type is \"{type}\""));
            }
            else if (blockType != storage.Type && value is not null)
            {
                errors.Add(FieldError.Forbidden(path.Child(name), $"may not be set when spec.storage.type is \"{type}\""));
            }
        }
    }

    // Provider pods mount the staging claim, and a pod can only mount claims of its own namespace.
    private static void ValidatePvcNamespaces(VMMigrationSpec spec, string? ns, FieldPath specPath, FieldErrorList errors)
    {
        if (ns is null)
        {
            return;
        }

        var refs = new (ObjectRef? Ref, FieldPath Path)[]
        {
            (spec.Source.ProviderRef, specPath.Child("source", "providerRef", "namespace")),
            (spec.Target.ProviderRef, specPath.Child("target", "providerRef", "namespace")),
        };
        foreach (var (providerRef, path) in refs)
        {
            if (providerRef?.Namespace is { } providerNs && providerNs != ns)
            {
                errors.Add(FieldError.Invalid(path, providerNs,
                    $"must be the migration's namespace (\"{ns}\") when spec.storage.type is \"pvc\": provider pods can only mount a claim of their own namespace"));
            }
        }
    }

    private static void ValidatePvc(PvcStorageConfig pvc, FieldPath path, FieldErrorList errors)
    {
        if (pvc.Name is { Length: > 0 } name)
        {
            CheckSubdomain(name, path.Child("name"), errors);
        }
        else
        {
            const string Detail = "needed to create a claim when spec.storage.pvc.name is not set";
            if (string.IsNullOrEmpty(pvc.StorageClassName))
            {
                errors.Add(FieldError.Required(path.Child("storageClassName"), Detail));
            }

            if (string.IsNullOrEmpty(pvc.Size))
            {
                errors.Add(FieldError.Required(path.Child("size"), Detail));
            }
        }

        if (pvc.StorageClassName is { Length: > 0 } storageClass)
        {
            CheckSubdomain(storageClass, path.Child("storageClassName"), errors);
        }

        if (pvc.Size is { Length: > 0 } size && Quantity.TryParse(size, out var quantity) && quantity.Sign <= 0)
        {
            errors.Add(FieldError.Invalid(path.Child("size"), size, "must be greater than zero"));
        }

        if (pvc.MountPath is { } mountPath && !mountPath.StartsWith('/'))
        {
            errors.Add(FieldError.Invalid(path.Child("mountPath"), mountPath, "must be an absolute path"));
        }
    }

    private static void ValidateNfs(NfsStorageConfig nfs, FieldPath path, FieldErrorList errors)
    {
        if (!IsHost(nfs.Server))
        {
            errors.Add(FieldError.Invalid(path.Child("server"), nfs.Server, "must be a host name or IP address, without scheme, port or path"));
        }

        var exportPath = path.Child("export");
        if (!nfs.Export.StartsWith('/'))
        {
            errors.Add(FieldError.Invalid(exportPath, nfs.Export, "must be an absolute path"));
        }

        CheckNfsPath(nfs.Export, exportPath, errors);
        if (nfs.Path is { } subPath)
        {
            CheckNfsPath(subPath, path.Child("path"), errors);
        }
    }

    // The path ends up in an nfs:// URL that the hypervisor host opens; upstream refuses these too.
    private static void CheckNfsPath(string value, FieldPath path, FieldErrorList errors)
    {
        if (value.Any(char.IsControl))
        {
            errors.Add(FieldError.Invalid(path, value, "must not contain control characters"));
        }

        if (value.Split('/').Contains(".."))
        {
            errors.Add(FieldError.Invalid(path, value, "must not contain '..'"));
        }
    }

    private static void ValidateS3(S3StorageConfig s3, string? ns, FieldPath path, FieldErrorList errors)
    {
        if (s3.Bucket.Length == 0)
        {
            errors.Add(FieldError.Required(path.Child("bucket")));
        }

        if (s3.Endpoint is { Length: > 0 } endpoint && CheckS3Endpoint(endpoint) is { } problem)
        {
            errors.Add(FieldError.Invalid(path.Child("endpoint"), endpoint, problem));
        }

        if (ns is not null && s3.CredentialsSecretRef.Namespace is { } secretNs && secretNs != ns)
        {
            errors.Add(FieldError.Invalid(path.Child("credentialsSecretRef", "namespace"), secretNs,
                $"must be the migration's namespace (\"{ns}\"): the credentials Secret is read from there"));
        }
    }

    // Upstream accepts a URL with a scheme or a bare host[:port] (then HTTPS).
    private static string? CheckS3Endpoint(string endpoint)
    {
        var hasScheme = endpoint.Contains("://", StringComparison.Ordinal);
        if (!Uri.TryCreate(hasScheme ? endpoint : "https://" + endpoint, UriKind.Absolute, out var uri))
        {
            return "must be a URL such as https://s3.example.com or a host[:port]";
        }

        if (hasScheme && uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return "the scheme must be http or https";
        }

        if (!IsHost(uri.Host) || uri.UserInfo.Length > 0)
        {
            return "must name a host, without user information";
        }

        if (!hasScheme && (uri.PathAndQuery != "/" || uri.Fragment.Length > 0))
        {
            return "a host[:port] without scheme may not carry a path; write the full URL instead";
        }

        return null;
    }

    private static bool IsHost(string host) =>
        Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;

    // Claim and storage class names are object names: DNS-1123 subdomains.
    private static void CheckSubdomain(string value, FieldPath path, FieldErrorList errors) =>
        errors.AddRange(NameValidation.IsDns1123Subdomain(value).Select(message => FieldError.Invalid(path, value, message)));
}

using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class VMMigrationValidationTests
{
    private const string Namespace = "migrations";

    private static MigrationStorage S3Storage(S3StorageConfig? s3 = null) => new()
    {
        Type = MigrationStorageType.S3,
        S3 = s3 ?? new S3StorageConfig
        {
            Bucket = "vm-migrations",
            Endpoint = "https://minio.example.com:9000",
            CredentialsSecretRef = new ObjectRef { Name = "migration-s3" },
        },
    };

    private static MigrationStorage NfsStorage(NfsStorageConfig? nfs = null) => new()
    {
        Type = MigrationStorageType.Nfs,
        Nfs = nfs ?? new NfsStorageConfig { Server = "nas.example.com", Export = "/exports/migrations" },
    };

    private static MigrationStorage PvcStorage(PvcStorageConfig? pvc = null) => new()
    {
        Type = MigrationStorageType.Pvc,
        Pvc = pvc ?? new PvcStorageConfig { StorageClassName = "nfs-client", Size = "100Gi" },
    };

    private static VMMigrationSpec ValidSpec(MigrationStorage? storage = null) => new()
    {
        Source = new MigrationSource { VMRef = new LocalObjectReference { Name = "web-01" } },
        Target = new MigrationTarget
        {
            Name = "web-01-kvm",
            ProviderRef = new ObjectRef { Name = "libvirt-lab" },
            ClassRef = new LocalObjectReference { Name = "small" },
        },
        Storage = storage ?? S3Storage(),
    };

    private static MigrationTarget Target(VMMigrationSpec spec) => spec.Target;

    private static FieldErrorList Validate(VMMigrationSpec spec)
    {
        var migration = new V1Beta1.VMMigration
        {
            Metadata = new ObjectMeta { Name = "web-01-to-kvm", Namespace = Namespace },
            Spec = spec,
        };
        var errors = new FieldErrorList();
        VMMigrationValidation.Validate(migration, errors);
        return errors;
    }


    public static TheoryData<string> Backends => new() { "pvc", "nfs", "s3" };

    private static MigrationStorage Storage(string backend) => backend switch
    {
        "pvc" => PvcStorage(),
        "nfs" => NfsStorage(),
        _ => S3Storage(),
    };

    [Theory]
    [MemberData(nameof(Backends))]
    public void Validate_EachBackend_NoErrors(string backend)
    {
        Assert.Empty(Validate(ValidSpec(Storage(backend))));
    }

    [Fact]
    public void Validate_NoStorage_Required()
    {
        var error = FieldErrorAssert.Single(Validate(ValidSpec() with { Storage = null }), FieldErrorType.Required, "spec.storage");
        Assert.Equal("spec.storage: Required value: migration data is staged through pvc, nfs or s3", error.ToString());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Validate_TypeWithoutItsBlock_Required(string backend)
    {
        var storage = Storage(backend) with { Pvc = null, Nfs = null, S3 = null };

        var error = FieldErrorAssert.Single(Validate(ValidSpec(storage)), FieldErrorType.Required, "spec.storage." + backend);
        Assert.Equal($"spec.storage.{backend}: Required value: must be set when spec.storage.type is \"{backend}\"", error.ToString());
    }

    [Fact]
    public void Validate_BlockOfAnotherType_Forbidden()
    {
        var storage = S3Storage() with { Nfs = new NfsStorageConfig { Server = "nas.example.com", Export = "/exports" } };

        var error = FieldErrorAssert.Single(Validate(ValidSpec(storage)), FieldErrorType.Forbidden, "spec.storage.nfs");
        Assert.Equal("spec.storage.nfs: Forbidden: may not be set when spec.storage.type is \"s3\"", error.ToString());
    }

    [Theory]
    [InlineData("pvc", false)]
    [InlineData("s3", false)]
    [InlineData("nfs", true)]
    public void Validate_DirectTransfer_OnlyWithNfs(string backend, bool valid)
    {
        var storage = Storage(backend) with { TransferMode = MigrationTransferMode.Direct };

        var errors = Validate(ValidSpec(storage));

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.storage.transferMode");
            Assert.Equal("spec.storage.transferMode: Invalid value: \"direct\": only supported when spec.storage.type is \"nfs\"", error.ToString());
        }
    }

    [Theory]
    [InlineData(MigrationTransferMode.Auto)]
    [InlineData(MigrationTransferMode.Relay)]
    public void Validate_RelayOrAutoTransferWithS3_NoErrors(MigrationTransferMode mode)
    {
        Assert.Empty(Validate(ValidSpec(S3Storage() with { TransferMode = mode })));
    }

    [Fact]
    public void Validate_PvcByExistingName_NoErrors()
    {
        Assert.Empty(Validate(ValidSpec(PvcStorage(new PvcStorageConfig { Name = "migration-scratch" }))));
    }

    [Fact]
    public void Validate_PvcWithoutNameOrClassAndSize_RequiredBoth()
    {
        var errors = Validate(ValidSpec(PvcStorage(new PvcStorageConfig { AccessMode = "ReadWriteMany" })));

        Assert.Collection(
            errors,
            e => Assert.Equal("spec.storage.pvc.storageClassName: Required value: needed to create a claim when spec.storage.pvc.name is not set", e.ToString()),
            e => Assert.Equal("spec.storage.pvc.size: Required value: needed to create a claim when spec.storage.pvc.name is not set", e.ToString()));
    }

    [Theory]
    [InlineData("Scratch_PVC", "spec.storage.pvc.name")]
    [InlineData("-scratch", "spec.storage.pvc.name")]
    public void Validate_PvcNameNotASubdomain_Invalid(string name, string field)
    {
        var error = FieldErrorAssert.Single(Validate(ValidSpec(PvcStorage(new PvcStorageConfig { Name = name }))), FieldErrorType.Invalid, field);
        Assert.Contains("RFC 1123 subdomain", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StorageClassNotASubdomain_Invalid()
    {
        var pvc = new PvcStorageConfig { StorageClassName = "Fast SSD", Size = "50Gi" };

        FieldErrorAssert.Single(Validate(ValidSpec(PvcStorage(pvc))), FieldErrorType.Invalid, "spec.storage.pvc.storageClassName");
    }

    [Theory]
    [InlineData("0Gi", false)]
    [InlineData("0.0Ti", false)]
    [InlineData("1Mi", true)]
    [InlineData("1.5Ti", true)]
    public void Validate_PvcSize_MustBePositive(string size, bool valid)
    {
        var errors = Validate(ValidSpec(PvcStorage(new PvcStorageConfig { StorageClassName = "standard", Size = size })));

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.storage.pvc.size");
            Assert.Equal("must be greater than zero", error.Detail);
        }
    }

    [Fact]
    public void Validate_RelativeMountPath_Invalid()
    {
        var pvc = new PvcStorageConfig { Name = "scratch", MountPath = "mnt/migration" };

        var error = FieldErrorAssert.Single(Validate(ValidSpec(PvcStorage(pvc))), FieldErrorType.Invalid, "spec.storage.pvc.mountPath");
        Assert.Equal("spec.storage.pvc.mountPath: Invalid value: \"mnt/migration\": must be an absolute path", error.ToString());
    }

    [Theory]
    [InlineData("source")]
    [InlineData("target")]
    public void Validate_PvcWithProviderInAnotherNamespace_Invalid(string side)
    {
        var spec = ValidSpec(PvcStorage());
        var elsewhere = new ObjectRef { Name = "vsphere-dc1", Namespace = "infrastructure" };
        spec = side == "source"
            ? spec with { Source = spec.Source with { ProviderRef = elsewhere } }
            : spec with { Target = spec.Target with { ProviderRef = elsewhere } };

        var error = FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, $"spec.{side}.providerRef.namespace");
        Assert.StartsWith("must be the migration's namespace (\"migrations\") when spec.storage.type is \"pvc\"", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pvc", Namespace)]
    [InlineData("s3", "infrastructure")]
    [InlineData("nfs", "infrastructure")]
    public void Validate_ProviderNamespaceAllowedForBackend_NoErrors(string backend, string providerNamespace)
    {
        var spec = ValidSpec(Storage(backend));
        spec = spec with
        {
            Source = spec.Source with { ProviderRef = new ObjectRef { Name = "vsphere-dc1", Namespace = providerNamespace } },
            Target = spec.Target with { ProviderRef = new ObjectRef { Name = "libvirt-lab", Namespace = providerNamespace } },
        };

        Assert.Empty(Validate(spec));
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("nas.example.com")]
    [InlineData("nas01")]
    [InlineData("fd00::5")]
    public void Validate_NfsServerHost_NoErrors(string server)
    {
        Assert.Empty(Validate(ValidSpec(NfsStorage(new NfsStorageConfig { Server = server, Export = "/exports" }))));
    }

    [Theory]
    [InlineData("nfs://nas.example.com")]
    [InlineData("nas.example.com:/exports")]
    [InlineData("nas.example.com:2049")]
    [InlineData("nas.example.com/exports")]
    [InlineData("")]
    public void Validate_NfsServerNotAHost_Invalid(string server)
    {
        var error = FieldErrorAssert.Single(
            Validate(ValidSpec(NfsStorage(new NfsStorageConfig { Server = server, Export = "/exports" }))),
            FieldErrorType.Invalid,
            "spec.storage.nfs.server");
        Assert.Equal("must be a host name or IP address, without scheme, port or path", error.Detail);
    }

    [Theory]
    [InlineData("exports/migrations", "must be an absolute path")]
    [InlineData("", "must be an absolute path")]
    [InlineData("/exports/../etc", "must not contain '..'")]
    [InlineData("/exports/\nmigrations", "must not contain control characters")]
    public void Validate_BadNfsExport_Invalid(string export, string detail)
    {
        var error = FieldErrorAssert.Single(
            Validate(ValidSpec(NfsStorage(new NfsStorageConfig { Server = "10.0.0.5", Export = export }))),
            FieldErrorType.Invalid,
            "spec.storage.nfs.export");
        Assert.Equal(detail, error.Detail);
    }

    [Theory]
    [InlineData("team-a/vms", true)]
    [InlineData("/team-a/vms", true)]
    [InlineData("team-a/../../secret", false)]
    [InlineData("..", false)]
    [InlineData("team-a\u0000", false)]
    public void Validate_NfsPath_NoTraversalOrControlCharacters(string path, bool valid)
    {
        var nfs = new NfsStorageConfig { Server = "10.0.0.5", Export = "/exports", Path = path };

        var errors = Validate(ValidSpec(NfsStorage(nfs)));

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.storage.nfs.path");
        }
    }

    [Fact]
    public void Validate_EmptyBucket_Required()
    {
        var s3 = new S3StorageConfig { Bucket = "", CredentialsSecretRef = new ObjectRef { Name = "migration-s3" } };

        FieldErrorAssert.Single(Validate(ValidSpec(S3Storage(s3))), FieldErrorType.Required, "spec.storage.s3.bucket");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://minio.example.com:9000")]
    [InlineData("http://10.0.0.7:9000")]
    [InlineData("https://s3.eu-central-1.amazonaws.com")]
    [InlineData("minio.example.com:9000")]
    [InlineData("s3.amazonaws.com")]
    public void Validate_S3Endpoint_NoErrors(string? endpoint)
    {
        var s3 = new S3StorageConfig { Bucket = "vms", Endpoint = endpoint, CredentialsSecretRef = new ObjectRef { Name = "migration-s3" } };

        Assert.Empty(Validate(ValidSpec(S3Storage(s3))));
    }

    [Theory]
    [InlineData("ftp://minio.example.com", "the scheme must be http or https")]
    [InlineData("s3://vms", "the scheme must be http or https")]
    [InlineData("https://admin:secret@minio.example.com", "must name a host, without user information")]
    [InlineData("minio.example.com:9000/vms", "a host[:port] without scheme may not carry a path; write the full URL instead")]
    [InlineData("minio example", "must be a URL such as https://s3.example.com or a host[:port]")]
    public void Validate_BadS3Endpoint_Invalid(string endpoint, string detail)
    {
        var s3 = new S3StorageConfig { Bucket = "vms", Endpoint = endpoint, CredentialsSecretRef = new ObjectRef { Name = "migration-s3" } };

        var error = FieldErrorAssert.Single(Validate(ValidSpec(S3Storage(s3))), FieldErrorType.Invalid, "spec.storage.s3.endpoint");
        Assert.Equal(detail, error.Detail);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(Namespace, true)]
    [InlineData("vault", false)]
    public void Validate_S3CredentialsNamespace_MustBeTheMigrations(string? secretNamespace, bool valid)
    {
        var s3 = new S3StorageConfig { Bucket = "vms", CredentialsSecretRef = new ObjectRef { Name = "migration-s3", Namespace = secretNamespace } };

        var errors = Validate(ValidSpec(S3Storage(s3)));

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.storage.s3.credentialsSecretRef.namespace");
            Assert.Equal(
                "spec.storage.s3.credentialsSecretRef.namespace: Invalid value: \"vault\": must be the migration's namespace (\"migrations\"): the credentials Secret is read from there",
                error.ToString());
        }
    }

    [Fact]
    public void Validate_NoTargetClass_Required()
    {
        var spec = ValidSpec();
        spec = spec with { Target = Target(spec) with { ClassRef = null } };

        var error = FieldErrorAssert.Single(Validate(spec), FieldErrorType.Required, "spec.target.classRef");
        Assert.Equal("spec.target.classRef: Required value: the target VirtualMachine needs a VMClass", error.ToString());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(Namespace, false)]
    [InlineData("kvm", true)]
    public void Validate_TargetNamedLikeSource_InvalidInTheSameNamespace(string? targetNamespace, bool valid)
    {
        var spec = ValidSpec();
        spec = spec with { Target = Target(spec) with { Name = "web-01", Namespace = targetNamespace } };

        var errors = Validate(spec);

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.target.name");
            Assert.Equal(
                "spec.target.name: Invalid value: \"web-01\": must differ from spec.source.vmRef.name when the target VirtualMachine is in the migration's namespace",
                error.ToString());
        }
    }

    [Fact]
    public void Validate_InvalidTargetLabel_InvalidOnLabels()
    {
        var spec = ValidSpec();
        spec = spec with { Target = Target(spec) with { Labels = new Dictionary<string, string> { ["migrated-from"] = "vsphere/dc1" } } };

        var error = FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.target.labels");
        Assert.Equal("vsphere/dc1", error.BadValue);
    }

    [Fact]
    public void Validate_InvalidTargetAnnotationKey_InvalidOnAnnotations()
    {
        var spec = ValidSpec();
        spec = spec with { Target = Target(spec) with { Annotations = new Dictionary<string, string> { ["change ticket"] = "CHG-1234" } } };

        var error = FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.target.annotations");
        Assert.Equal("change ticket", error.BadValue);
    }

    [Fact]
    public void Validate_ValidTargetLabelsAndAnnotations_NoErrors()
    {
        var spec = ValidSpec();
        spec = spec with
        {
            Target = Target(spec) with
            {
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "web", ["tier"] = "frontend" },
                Annotations = new Dictionary<string, string> { ["example.com/change-ticket"] = "CHG-1234: move to KVM" },
            },
        };

        Assert.Empty(Validate(spec));
    }

    [Fact]
    public void Validate_DuplicateTargetNetworkName_Duplicate()
    {
        var spec = ValidSpec();
        spec = spec with
        {
            Target = Target(spec) with
            {
                Networks = [new VMNetworkRef { Name = "lan" }, new VMNetworkRef { Name = "dmz" }, new VMNetworkRef { Name = "lan" }],
            },
        };

        var error = FieldErrorAssert.Single(Validate(spec), FieldErrorType.Duplicate, "spec.target.networks[2].name");
        Assert.Equal("spec.target.networks[2].name: Duplicate value: \"lan\"", error.ToString());
    }

    [Fact]
    public void Validate_DuplicateTargetDiskName_Duplicate()
    {
        var spec = ValidSpec();
        spec = spec with
        {
            Target = Target(spec) with { Disks = [new DiskSpec { Name = "data", SizeGiB = 10 }, new DiskSpec { Name = "data", SizeGiB = 20 }] },
        };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Duplicate, "spec.target.disks[1].name");
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("-4h")]
    public void Validate_TimeoutNotPositive_Invalid(string timeout)
    {
        var spec = ValidSpec() with { Options = new MigrationOptions { Timeout = Duration.Parse(timeout) } };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.options.timeout");
    }

    [Theory]
    [InlineData("0s", true)]
    [InlineData("10m", true)]
    [InlineData("-1m", false)]
    public void Validate_RetryDelay_NegativeIsInvalid(string delay, bool valid)
    {
        var spec = ValidSpec() with
        {
            Options = new MigrationOptions { RetryPolicy = new MigrationRetryPolicy { MaxRetries = 3, RetryDelay = Duration.Parse(delay) } },
        };

        var errors = Validate(spec);

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.options.retryPolicy.retryDelay");
        }
    }

    // Upstream ignores snapshotRef unless createSnapshot is true, and its own examples combine them; not an error.
    [Fact]
    public void Validate_SnapshotRefWithoutCreateSnapshot_NoErrors()
    {
        var spec = ValidSpec();
        spec = spec with
        {
            Source = spec.Source with { SnapshotRef = new LocalObjectReference { Name = "before-migration" }, CreateSnapshot = false },
        };

        Assert.Empty(Validate(spec));
    }
}

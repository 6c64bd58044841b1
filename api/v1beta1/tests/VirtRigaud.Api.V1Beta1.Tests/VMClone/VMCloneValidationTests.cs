using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class VMCloneValidationTests
{
    private static V1Beta1.VMClone Clone(VMCloneSpec spec) => new()
    {
        Metadata = new ObjectMeta { Name = "web-clone", Namespace = "prod" },
        Spec = spec,
    };

    private static VMCloneSpec ValidSpec() => new()
    {
        Source = new CloneSource { VmRef = new LocalObjectReference { Name = "web-template" } },
        Target = new VMCloneTarget { Name = "web-02" },
    };

    private static FieldErrorList Validate(VMCloneSpec spec)
    {
        var errors = new FieldErrorList();
        VMCloneValidation.Validate(Clone(spec), errors);
        return errors;
    }


    private static VMCloneSpec WithCustomization(VMCustomization customization) => ValidSpec() with { Customization = customization };

    [Fact]
    public void Validate_MinimalVmRefClone_NoErrors()
    {
        Assert.Empty(Validate(ValidSpec()));
    }

    public static TheoryData<string> SingleSources => new() { "vmRef", "snapshotRef", "templateRef", "imageRef" };

    [Theory]
    [MemberData(nameof(SingleSources))]
    public void Validate_ExactlyOneSource_NoErrors(string source)
    {
        var spec = ValidSpec() with { Source = Source(source) };

        Assert.Empty(Validate(spec));
    }

    [Fact]
    public void Validate_NoSource_RequiredOnSource()
    {
        var errors = Validate(ValidSpec() with { Source = new CloneSource() });

        FieldErrorAssert.Single(errors, FieldErrorType.Required, "spec.source");
        Assert.Contains("exactly one of", errors[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoSources_ForbiddenOnTheSecond()
    {
        var spec = ValidSpec() with
        {
            Source = new CloneSource
            {
                VmRef = new LocalObjectReference { Name = "web-template" },
                ImageRef = new ObjectRef { Name = "ubuntu-22-04" },
            },
        };

        var errors = Validate(spec);

        FieldErrorAssert.Single(errors, FieldErrorType.Forbidden, "spec.source.imageRef");
        Assert.Equal("spec.source.imageRef: Forbidden: may not be set together with spec.source.vmRef", errors[0].ToString());
    }

    [Fact]
    public void Validate_AllFourSources_ThreeForbidden()
    {
        var spec = ValidSpec() with
        {
            Source = new CloneSource
            {
                VmRef = new LocalObjectReference { Name = "a" },
                SnapshotRef = new LocalObjectReference { Name = "b" },
                TemplateRef = new ObjectRef { Name = "c" },
                ImageRef = new ObjectRef { Name = "d" },
            },
        };

        var errors = Validate(spec);

        Assert.Equal(
            ["spec.source.snapshotRef", "spec.source.templateRef", "spec.source.imageRef"],
            errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal(FieldErrorType.Forbidden, e.Type));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("prod", true)]
    [InlineData("staging", false)]
    public void Validate_TargetNamedLikeSourceVm_InvalidOnlyInTheSameNamespace(string? targetNamespace, bool invalid)
    {
        var spec = ValidSpec() with { Target = new VMCloneTarget { Name = "web-template", Namespace = targetNamespace } };

        var errors = Validate(spec);

        if (invalid)
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.target.name");
        }
        else
        {
            Assert.Empty(errors);
        }
    }

    [Fact]
    public void Validate_TargetNamedLikeSnapshotSource_NoErrors()
    {
        // Only a source VM is known to exist under its name; a snapshot's name says nothing about VM names.
        var spec = ValidSpec() with
        {
            Source = new CloneSource { SnapshotRef = new LocalObjectReference { Name = "web-02" } },
        };

        Assert.Empty(Validate(spec));
    }

    [Fact]
    public void Validate_DuplicateTargetNetworkNames_DuplicateOnTheRepeat()
    {
        var spec = ValidSpec() with
        {
            Target = new VMCloneTarget
            {
                Name = "web-02",
                Networks = [new VMNetworkRef { Name = "lan" }, new VMNetworkRef { Name = "dmz" }, new VMNetworkRef { Name = "lan" }],
            },
        };

        var errors = Validate(spec);

        FieldErrorAssert.Single(errors, FieldErrorType.Duplicate, "spec.target.networks[2].name");
        Assert.Equal("spec.target.networks[2].name: Duplicate value: \"lan\"", errors[0].ToString());
    }

    [Fact]
    public void Validate_DuplicateTargetDiskNames_DuplicateOnTheRepeat()
    {
        var spec = ValidSpec() with
        {
            Target = new VMCloneTarget
            {
                Name = "web-02",
                Disks = [new DiskSpec { Name = "data", SizeGiB = 10 }, new DiskSpec { Name = "data", SizeGiB = 20 }],
            },
        };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Duplicate, "spec.target.disks[1].name");
    }

    [Theory]
    [InlineData("30m", false)]
    [InlineData("1h30m", false)]
    [InlineData("0s", true)]
    [InlineData("-5m", true)]
    public void Validate_OptionsTimeout_MustBePositive(string timeout, bool invalid)
    {
        var spec = ValidSpec() with { Options = new CloneOptions { Timeout = Duration.Parse(timeout) } };

        var errors = Validate(spec);

        if (invalid)
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.options.timeout");
        }
        else
        {
            Assert.Empty(errors);
        }
    }

    [Theory]
    [InlineData("5m", false)]
    [InlineData("0s", false)]
    [InlineData("-1s", true)]
    public void Validate_RetryDelay_MustNotBeNegative(string delay, bool invalid)
    {
        var spec = ValidSpec() with
        {
            Options = new CloneOptions { RetryPolicy = new CloneRetryPolicy { RetryDelay = Duration.Parse(delay) } },
        };

        var errors = Validate(spec);

        if (invalid)
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.options.retryPolicy.retryDelay");
        }
        else
        {
            Assert.Empty(errors);
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(0, true)]
    [InlineData(-2, true)]
    public void Validate_BackoffMultiplier_MustBeAtLeastOne(int multiplier, bool invalid)
    {
        var spec = ValidSpec() with
        {
            Options = new CloneOptions { RetryPolicy = new CloneRetryPolicy { BackoffMultiplier = multiplier } },
        };

        var errors = Validate(spec);

        if (invalid)
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.options.retryPolicy.backoffMultiplier");
            Assert.Equal(multiplier, errors[0].BadValue);
        }
        else
        {
            Assert.Empty(errors);
        }
    }

    [Fact]
    public void Validate_DuplicateCustomizationNetworkNames_DuplicateOnTheRepeat()
    {
        var spec = WithCustomization(new VMCustomization
        {
            Networks = [new NetworkCustomization { Name = "eth0" }, new NetworkCustomization { Name = "eth0", Dhcp = true }],
        });

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Duplicate, "spec.customization.networks[1].name");
    }

    [Fact]
    public void Validate_AdminPasswordValueAndSecretRef_ForbiddenOnSecretRef()
    {
        var spec = WithCustomization(new VMCustomization
        {
            Sysprep = new SysprepCustomization
            {
                AdminPassword = new PasswordSpec { Value = "hunter2", SecretRef = new LocalObjectReference { Name = "admin" } },
            },
        });

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Forbidden, "spec.customization.sysprep.adminPassword.secretRef");
    }

    [Fact]
    public void Validate_AdminPasswordWithNeitherValueNorSecret_RequiredOnAdminPassword()
    {
        var spec = WithCustomization(new VMCustomization
        {
            Sysprep = new SysprepCustomization { AdminPassword = new PasswordSpec { SecretKey = "password" } },
        });

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Required, "spec.customization.sysprep.adminPassword");
    }

    public static TheoryData<PasswordSpec> ValidPasswords => new()
    {
        new PasswordSpec { Value = "hunter2" },
        new PasswordSpec { SecretRef = new LocalObjectReference { Name = "admin" }, SecretKey = "password" },
    };

    [Theory]
    [MemberData(nameof(ValidPasswords))]
    public void Validate_PasswordFromOneSource_NoErrors(PasswordSpec password)
    {
        var spec = WithCustomization(new VMCustomization
        {
            Sysprep = new SysprepCustomization
            {
                AdminPassword = password,
                JoinDomain = new DomainJoinSpec { Domain = "corp.example.com", Username = "joiner", Password = password },
            },
        });

        Assert.Empty(Validate(spec));
    }

    [Fact]
    public void Validate_JoinDomainPasswordEmpty_RequiredOnJoinDomainPassword()
    {
        var spec = WithCustomization(new VMCustomization
        {
            Sysprep = new SysprepCustomization
            {
                JoinDomain = new DomainJoinSpec { Domain = "corp.example.com", Username = "joiner", Password = new PasswordSpec() },
            },
        });

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Required, "spec.customization.sysprep.joinDomain.password");
    }

    [Theory]
    [InlineData("5m", false)]
    [InlineData("0s", true)]
    public void Validate_GuestCommandTimeout_MustBePositive(string timeout, bool invalid)
    {
        var spec = WithCustomization(new VMCustomization
        {
            GuestCommands = [new GuestCommand { Command = "systemctl", Arguments = ["restart", "nginx"], Timeout = Duration.Parse(timeout) }],
        });

        var errors = Validate(spec);

        if (invalid)
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.customization.guestCommands[0].timeout");
        }
        else
        {
            Assert.Empty(errors);
        }
    }

    [Fact]
    public void Validate_CertificateDataAndSecretRef_ForbiddenOnSecretRef()
    {
        var spec = WithCustomization(new VMCustomization
        {
            Certificates = [new CertificateSpec { Name = "corp-ca", Data = "-----BEGIN CERTIFICATE-----", SecretRef = new LocalObjectReference { Name = "corp-ca" } }],
        });

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Forbidden, "spec.customization.certificates[0].secretRef");
    }

    [Fact]
    public void Validate_CertificateWithoutContent_RequiredOnCertificate()
    {
        var spec = WithCustomization(new VMCustomization
        {
            Certificates = [new CertificateSpec { Name = "corp-ca", SecretKey = "tls.crt", Store = "root" }],
        });

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Required, "spec.customization.certificates[0]");
    }

    [Fact]
    public void Validate_DuplicateCertificateNames_DuplicateOnTheRepeat()
    {
        var spec = WithCustomization(new VMCustomization
        {
            Certificates =
            [
                new CertificateSpec { Name = "corp-ca", Data = "-----BEGIN CERTIFICATE-----" },
                new CertificateSpec { Name = "corp-ca", SecretRef = new LocalObjectReference { Name = "corp-ca" } },
            ],
        });

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Duplicate, "spec.customization.certificates[1].name");
    }

    [Fact]
    public void Validate_SeveralMistakes_ReportsAll()
    {
        var spec = new VMCloneSpec
        {
            Source = new CloneSource(),
            Target = new VMCloneTarget { Name = "web-02", Networks = [new VMNetworkRef { Name = "lan" }, new VMNetworkRef { Name = "lan" }] },
            Options = new CloneOptions { Timeout = Duration.Parse("0s") },
        };

        Assert.Equal(
            ["spec.source", "spec.target.networks[1].name", "spec.options.timeout"],
            Validate(spec).Select(e => e.Field));
    }

    private static CloneSource Source(string kind) => kind switch
    {
        "vmRef" => new CloneSource { VmRef = new LocalObjectReference { Name = "web-template" } },
        "snapshotRef" => new CloneSource { SnapshotRef = new LocalObjectReference { Name = "web-template-golden" } },
        "templateRef" => new CloneSource { TemplateRef = new ObjectRef { Name = "rhel9", Namespace = "templates" } },
        "imageRef" => new CloneSource { ImageRef = new ObjectRef { Name = "ubuntu-22-04" } },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

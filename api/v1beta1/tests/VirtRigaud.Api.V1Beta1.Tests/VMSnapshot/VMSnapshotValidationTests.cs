using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class VMSnapshotValidationTests
{
    private static VMSnapshotSpec ValidSpec() => new() { VMRef = new LocalObjectReference { Name = "web-01" } };

    private static FieldErrorList Validate(VMSnapshotSpec spec)
    {
        var snapshot = new V1Beta1.VMSnapshot
        {
            Metadata = new ObjectMeta { Name = "web-01-before-upgrade", Namespace = "prod" },
            Spec = spec,
        };
        var errors = new FieldErrorList();
        VMSnapshotValidation.Validate(snapshot, errors);
        return errors;
    }


    private static VMSnapshotSpec WithSchedule(bool? enabled, string? cronSpec) =>
        ValidSpec() with { Schedule = new SnapshotSchedule { Enabled = enabled, CronSpec = cronSpec } };

    [Fact]
    public void Validate_MinimalSnapshot_NoErrors()
    {
        Assert.Empty(Validate(ValidSpec()));
    }

    [Fact]
    public void Validate_FullyDefaultedSnapshotWithMemory_NoErrors()
    {
        var spec = ValidSpec() with
        {
            SnapshotConfig = new SnapshotConfig
            {
                Name = "before-upgrade",
                IncludeMemory = true,
                Quiesce = false,
                Type = SnapshotType.Standard,
                ConsistencyLevel = "CrashConsistent",
                Encryption = new SnapshotEncryption { Enabled = false },
            },
            RetentionPolicy = new SnapshotRetentionPolicy
            {
                MaxAge = Duration.Parse("168h"),
                MaxCount = 5,
                GracePeriod = Duration.Parse("24h"),
                DeleteOnVMDelete = true,
                PreservePinned = true,
            },
            Schedule = new SnapshotSchedule { Enabled = false, Timezone = "UTC", ConcurrencyPolicy = "Forbid" },
        };

        Assert.Empty(Validate(spec));
    }

    [Fact]
    public void Validate_ExternalEncryptionWithoutKeyRef_RequiredKeyRef()
    {
        var spec = ValidSpec() with
        {
            SnapshotConfig = new SnapshotConfig { Encryption = new SnapshotEncryption { Enabled = true, KeyProvider = "external" } },
        };

        var error = FieldErrorAssert.Single(Validate(spec), FieldErrorType.Required, "spec.snapshotConfig.encryption.keyRef");
        Assert.Equal(
            "spec.snapshotConfig.encryption.keyRef: Required value: an external key provider needs the Secret that holds the key",
            error.ToString());
    }

    [Theory]
    [InlineData(true, "external", true)]
    [InlineData(true, "standard", false)]
    [InlineData(true, "hardware", false)]
    [InlineData(false, "external", false)]
    [InlineData(null, "external", false)]
    public void Validate_EncryptionWithoutTheNeedForAKey_NoErrors(bool? enabled, string keyProvider, bool withKeyRef)
    {
        var spec = ValidSpec() with
        {
            SnapshotConfig = new SnapshotConfig
            {
                Encryption = new SnapshotEncryption
                {
                    Enabled = enabled,
                    KeyProvider = keyProvider,
                    KeyRef = withKeyRef ? new LocalObjectReference { Name = "snapshot-key" } : null,
                },
            },
        };

        Assert.Empty(Validate(spec));
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("-1h")]
    public void Validate_MaxAgeNotPositive_Invalid(string maxAge)
    {
        var spec = ValidSpec() with { RetentionPolicy = new SnapshotRetentionPolicy { MaxAge = Duration.Parse(maxAge) } };

        var error = FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.retentionPolicy.maxAge");
        Assert.Equal($"spec.retentionPolicy.maxAge: Invalid value: \"{maxAge}\": must be greater than zero", error.ToString());
    }

    [Theory]
    [InlineData("0s", true)]
    [InlineData("72h", true)]
    [InlineData("-30m", false)]
    public void Validate_GracePeriod_NegativeIsInvalid(string gracePeriod, bool valid)
    {
        var spec = ValidSpec() with { RetentionPolicy = new SnapshotRetentionPolicy { GracePeriod = Duration.Parse(gracePeriod) } };

        var errors = Validate(spec);

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.retentionPolicy.gracePeriod");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_EnabledScheduleWithoutCronSpec_Required(string? cronSpec)
    {
        var error = FieldErrorAssert.Single(Validate(WithSchedule(true, cronSpec)), FieldErrorType.Required, "spec.schedule.cronSpec");
        Assert.Equal("spec.schedule.cronSpec: Required value: an enabled schedule needs a cron expression", error.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public void Validate_DisabledScheduleWithoutCronSpec_NoErrors(bool? enabled)
    {
        Assert.Empty(Validate(WithSchedule(enabled, null)));
    }

    [Theory]
    [InlineData("0 2 * * *")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 0-6/2 1,15 1-12 0-7")]
    [InlineData("30 0 2 * * 1-5")]
    [InlineData("0 0 0 1 1 ? 2030")]
    [InlineData("@daily")]
    [InlineData("@every 6h")]
    [InlineData("@every 1h30m")]
    [InlineData("@reboot")]
    public void Validate_ValidCronSpec_NoErrors(string cronSpec)
    {
        Assert.Empty(Validate(WithSchedule(true, cronSpec)));
    }

    // Each of these passes upstream's pattern (whose alternatives sit outside the ^…$ anchors) but cannot be scheduled.
    [Theory]
    [InlineData("@daily at noon", "must be one of")]
    [InlineData("@every 0s", "greater than zero")]
    [InlineData("@every 1d", "Go duration")]
    [InlineData("61 * * * *", "minute field \"61\": 61 is outside 0-59")]
    [InlineData("0 24 * * *", "hour field \"24\": 24 is outside 0-23")]
    [InlineData("0 0 0 * *", "day of month field \"0\": 0 is outside 1-31")]
    [InlineData("0 0 * 13 *", "month field \"13\": 13 is outside 1-12")]
    [InlineData("0 0 * * 8", "day of week field \"8\": 8 is outside 0-7")]
    [InlineData("0 0 5-1 * *", "runs backwards")]
    [InlineData("*/0 * * * *", "step")]
    [InlineData("x 1 2 3 4 5 6 7", "must have 5 fields")]
    [InlineData("* * * *", "must have 5 fields")]
    [InlineData("0 0 * * MON", "day of week field")]
    public void Validate_InvalidCronSpec_Invalid(string cronSpec, string detail)
    {
        var error = FieldErrorAssert.Single(Validate(WithSchedule(false, cronSpec)), FieldErrorType.Invalid, "spec.schedule.cronSpec");
        Assert.Equal(cronSpec, error.BadValue);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
    }
}

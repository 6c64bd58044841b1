using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class VMClassValidationTests
{
    private static VMClass Class(VMClassSpec spec) => new() { Metadata = new() { Name = "small" }, Spec = spec };

    private static VMClassSpec Spec(string memory = "4Gi") => new() { Cpu = 2, Memory = Quantity.Parse(memory) };

    private static FieldErrorList Validate(VMClassSpec spec)
    {
        var errors = new FieldErrorList();
        VMClassValidation.Validate(Class(spec), errors);
        return errors;
    }

    [Fact]
    public void Validate_MinimalClass_NoErrors()
    {
        Assert.Empty(Validate(Spec()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1Gi")]
    public void Validate_NonPositiveMemory_IsInvalid(string memory)
    {
        var error = Assert.Single(Validate(Spec(memory)));
        Assert.Equal("spec.memory", error.Field);
        Assert.Equal(FieldErrorType.Invalid, error.Type);
    }

    [Fact]
    public void Validate_ZeroDiskDefaultSize_IsInvalid()
    {
        var error = Assert.Single(Validate(Spec() with { DiskDefaults = new DiskDefaults { Size = Quantity.Parse("0") } }));
        Assert.Equal("spec.diskDefaults.size", error.Field);
    }

    [Fact]
    public void Validate_CpuReservationAboveLimit_IsInvalid()
    {
        var error = Assert.Single(Validate(Spec() with { ResourceLimits = new ResourceLimits { CpuLimit = 1000, CpuReservation = 2000 } }));
        Assert.Equal("spec.resourceLimits.cpuReservation", error.Field);
        Assert.Equal("spec.resourceLimits.cpuReservation: Invalid value: 2000: must be less than or equal to cpuLimit", error.ToString());
    }

    [Fact]
    public void Validate_CpuReservationEqualToLimit_IsValid()
    {
        Assert.Empty(Validate(Spec() with { ResourceLimits = new ResourceLimits { CpuLimit = 1000, CpuReservation = 1000 } }));
    }

    [Fact]
    public void Validate_MemoryReservationAboveLimitAndMemory_ReportsBoth()
    {
        var errors = Validate(Spec("4Gi") with
        {
            ResourceLimits = new ResourceLimits { MemoryLimit = Quantity.Parse("2Gi"), MemoryReservation = Quantity.Parse("6Gi") },
        });
        Assert.Equal(
            ["spec.resourceLimits.memoryReservation: Invalid value: \"6Gi\": must be less than or equal to memoryLimit",
             "spec.resourceLimits.memoryReservation: Invalid value: \"6Gi\": must be less than or equal to spec.memory"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Validate_MemoryReservationComparedByValue_NotBySpelling()
    {
        // 4096Mi is exactly 4Gi: allowed.
        Assert.Empty(Validate(Spec("4Gi") with { ResourceLimits = new ResourceLimits { MemoryReservation = Quantity.Parse("4096Mi") } }));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(FirmwareType.BIOS, true)]
    [InlineData(FirmwareType.UEFI, false)]
    [InlineData(FirmwareType.EFI, false)]
    public void Validate_SecureBoot_RequiresUefi(FirmwareType? firmware, bool invalid)
    {
        var errors = Validate(Spec() with { Firmware = firmware, SecurityProfile = new SecurityProfile { SecureBoot = true } });
        Assert.Equal(invalid, errors.Any(e => e.Field == "spec.securityProfile.secureBoot" && e.Type == FieldErrorType.Invalid));
    }

    [Fact]
    public void Validate_SecureBootFalseOnBios_IsValid()
    {
        Assert.Empty(Validate(Spec() with { Firmware = FirmwareType.BIOS, SecurityProfile = new SecurityProfile { SecureBoot = false } }));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Validate_TpmVersion_RequiresTpmEnabled(bool? tpmEnabled, bool forbidden)
    {
        var errors = Validate(Spec() with { SecurityProfile = new SecurityProfile { TpmEnabled = tpmEnabled, TpmVersion = "2.0" } });
        Assert.Equal(forbidden, errors.Any(e => e.Field == "spec.securityProfile.tpmVersion" && e.Type == FieldErrorType.Forbidden));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Validate_RequireEncryption_RequiresEnabled(bool? enabled, bool invalid)
    {
        var errors = Validate(Spec() with { SecurityProfile = new SecurityProfile { EncryptionPolicy = new EncryptionPolicy { Enabled = enabled, RequireEncryption = true } } });
        Assert.Equal(invalid, errors.Any(e => e.Field == "spec.securityProfile.encryptionPolicy.requireEncryption"));
    }

    [Fact]
    public void Validate_SeveralProblems_AllReported()
    {
        var errors = Validate(Spec("0") with
        {
            ResourceLimits = new ResourceLimits { CpuLimit = 100, CpuReservation = 200 },
            SecurityProfile = new SecurityProfile { SecureBoot = true, TpmVersion = "1.2" },
        });
        Assert.Equal(4, errors.Count);
    }
}

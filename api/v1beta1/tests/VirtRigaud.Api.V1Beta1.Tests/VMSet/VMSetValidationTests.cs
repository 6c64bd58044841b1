using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Core;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class VMSetValidationTests
{
    private static readonly Dictionary<string, string> WebLabels = new() { ["app"] = "web", ["tier"] = "frontend" };

    private static VirtualMachineSpec VmSpec() => new()
    {
        ProviderRef = new ObjectRef { Name = "vsphere-prod" },
        ClassRef = new ObjectRef { Name = "small" },
        ImageRef = new ObjectRef { Name = "ubuntu-22-04" },
    };

    private static VMSetSpec ValidSpec() => new()
    {
        Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
        Template = new VMSetTemplate { Metadata = new ObjectMeta { Labels = WebLabels }, Spec = VmSpec() },
    };

    private static FieldErrorList Validate(VMSetSpec spec)
    {
        var errors = new FieldErrorList();
        VMSetValidation.Validate(new V1Beta1.VMSet { Metadata = new ObjectMeta { Name = "web", Namespace = "prod" }, Spec = spec }, errors);
        return errors;
    }


    private static VMSetSpec WithRollingUpdate(IntOrString? maxUnavailable, IntOrString? maxSurge) => ValidSpec() with
    {
        UpdateStrategy = new VMSetUpdateStrategy
        {
            Type = VMSetUpdateStrategyType.RollingUpdate,
            RollingUpdate = new RollingUpdateVMSetStrategy { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge },
        },
    };

    [Fact]
    public void Validate_SelectorMatchingTemplate_NoErrors()
    {
        Assert.Empty(Validate(ValidSpec()));
    }

    public static TheoryData<LabelSelector> MatchingSelectors => new()
    {
        new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "frontend" } },
        new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["frontend", "edge"] }] },
        new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "NotIn", Values = ["backend"] }] },
        new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "app", Operator = "Exists" }] },
        new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "legacy", Operator = "DoesNotExist" }] },
        new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "legacy", Operator = "NotIn", Values = ["true"] }] },
    };

    [Theory]
    [MemberData(nameof(MatchingSelectors))]
    public void Validate_SelectorSelectingTemplateLabels_NoErrors(LabelSelector selector)
    {
        Assert.Empty(Validate(ValidSpec() with { Selector = selector }));
    }

    public static TheoryData<LabelSelector> NonMatchingSelectors => new()
    {
        new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } },
        new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web", ["zone"] = "a" } },
        new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["backend"] }] },
        new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "NotIn", Values = ["frontend"] }] },
        new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "zone", Operator = "Exists" }] },
        new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "app", Operator = "DoesNotExist" }] },
    };

    [Theory]
    [MemberData(nameof(NonMatchingSelectors))]
    public void Validate_SelectorNotSelectingTemplateLabels_InvalidOnTemplateLabels(LabelSelector selector)
    {
        var errors = Validate(ValidSpec() with { Selector = selector });

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.template.metadata.labels");
    }

    [Fact]
    public void Validate_SelectorMismatch_PrintsAsKubernetes()
    {
        var spec = ValidSpec() with { Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } } };

        Assert.Equal(
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\", \"tier\":\"frontend\"}: `selector` does not match template `labels`",
            Assert.Single(Validate(spec)).ToString());
    }

    [Fact]
    public void Validate_TemplateWithoutMetadata_SelectorDoesNotMatch()
    {
        var spec = ValidSpec() with { Template = new VMSetTemplate { Spec = VmSpec() } };

        var errors = Validate(spec);

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.template.metadata.labels");
        Assert.Contains("map[string]string(nil)", errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptySelector_InvalidOnSelector()
    {
        var errors = Validate(ValidSpec() with { Selector = new LabelSelector { MatchLabels = new Dictionary<string, string>() } });

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.selector");
        Assert.Equal(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for vmset",
            errors[0].ToString());
    }

    [Fact]
    public void Validate_InOperatorWithoutValues_RequiredOnValuesAndNoMismatchReported()
    {
        var spec = ValidSpec() with
        {
            Selector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "app", Operator = "In" }] },
        };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Required, "spec.selector.matchExpressions[0].values");
    }

    [Fact]
    public void Validate_UnknownSelectorOperator_InvalidOnOperator()
    {
        var spec = ValidSpec() with
        {
            Selector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "app", Operator = "Equals", Values = ["web"] }] },
        };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.selector.matchExpressions[0].operator");
    }

    [Fact]
    public void Validate_InvalidTemplateLabelValue_InvalidOnTemplateLabels()
    {
        var labels = new Dictionary<string, string> { ["app"] = "web", ["owner"] = "team a" };
        var spec = ValidSpec() with { Template = new VMSetTemplate { Metadata = new ObjectMeta { Labels = labels }, Spec = VmSpec() } };

        var errors = Validate(spec);

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.template.metadata.labels");
        Assert.Equal("team a", errors[0].BadValue);
    }

    [Fact]
    public void Validate_InvalidTemplateAnnotationKey_InvalidOnTemplateAnnotations()
    {
        var spec = ValidSpec() with
        {
            Template = new VMSetTemplate
            {
                Metadata = new ObjectMeta { Labels = WebLabels, Annotations = new Dictionary<string, string> { ["not a key"] = "x" } },
                Spec = VmSpec(),
            },
        };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.template.metadata.annotations");
    }

    [Fact]
    public void Validate_TemplateSpec_CheckedAsAVirtualMachineSpec()
    {
        // A VM needs a boot source; the template's spec is held to the VirtualMachine rules at its own path.
        var spec = ValidSpec() with
        {
            Template = new VMSetTemplate { Metadata = new ObjectMeta { Labels = WebLabels }, Spec = VmSpec() with { ImageRef = null } },
        };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Required, "spec.template.spec.imageRef");
    }

    [Theory]
    [InlineData(VMSetUpdateStrategyType.OnDelete)]
    [InlineData(VMSetUpdateStrategyType.Recreate)]
    public void Validate_RollingUpdateWithOtherStrategyType_Forbidden(VMSetUpdateStrategyType type)
    {
        var spec = ValidSpec() with
        {
            UpdateStrategy = new VMSetUpdateStrategy { Type = type, RollingUpdate = new RollingUpdateVMSetStrategy { Partition = 2 } },
        };

        var errors = Validate(spec);

        FieldErrorAssert.Single(errors, FieldErrorType.Forbidden, "spec.updateStrategy.rollingUpdate");
        Assert.Contains($"'{type}'", errors[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OtherStrategyTypeWithoutRollingUpdate_NoErrors()
    {
        var spec = ValidSpec() with { UpdateStrategy = new VMSetUpdateStrategy { Type = VMSetUpdateStrategyType.OnDelete } };

        Assert.Empty(Validate(spec));
    }

    public static TheoryData<IntOrString?, IntOrString?> ValidRollingBounds => new()
    {
        { "25%", "25%" },
        { 0, 1 },
        { 1, 0 },
        { "0%", "1%" },
        { "100%", 0 },
        { 2, "150%" },
        { null, null },
        { 0, null },
    };

    [Theory]
    [MemberData(nameof(ValidRollingBounds))]
    public void Validate_ValidRollingUpdateBounds_NoErrors(IntOrString? maxUnavailable, IntOrString? maxSurge)
    {
        Assert.Empty(Validate(WithRollingUpdate(maxUnavailable, maxSurge)));
    }

    [Theory]
    [InlineData("maxUnavailable")]
    [InlineData("maxSurge")]
    public void Validate_NegativeBound_InvalidAsKubernetes(string field)
    {
        var spec = field == "maxUnavailable" ? WithRollingUpdate(-1, 1) : WithRollingUpdate(1, -1);

        var errors = Validate(spec);

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.updateStrategy.rollingUpdate." + field);
        Assert.Equal(ValidationMessages.IsNegative, errors[0].Detail);
    }

    [Theory]
    [InlineData("maxUnavailable", "5")]
    [InlineData("maxSurge", "half")]
    [InlineData("maxSurge", "-5%")]
    [InlineData("maxUnavailable", "2.5%")]
    public void Validate_MalformedPercent_InvalidWithThePercentMessage(string field, string value)
    {
        var spec = field == "maxUnavailable" ? WithRollingUpdate(value, 1) : WithRollingUpdate(1, value);

        var errors = Validate(spec);

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.updateStrategy.rollingUpdate." + field);
        Assert.StartsWith("a valid percent string must be", errors[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaxUnavailableAbove100Percent_Invalid()
    {
        var errors = Validate(WithRollingUpdate("120%", 0));

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.updateStrategy.rollingUpdate.maxUnavailable");
        Assert.Equal("spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 120%: must not be greater than 100%", errors[0].ToString());
    }

    public static TheoryData<IntOrString, IntOrString> BothZero => new()
    {
        { 0, 0 },
        { "0%", 0 },
        { 0, "0%" },
        { "0%", "0%" },
    };

    [Theory]
    [MemberData(nameof(BothZero))]
    public void Validate_BothBoundsZero_InvalidOnMaxUnavailable(IntOrString maxUnavailable, IntOrString maxSurge)
    {
        var errors = Validate(WithRollingUpdate(maxUnavailable, maxSurge));

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.updateStrategy.rollingUpdate.maxUnavailable");
        Assert.Equal("may not be 0 when `maxSurge` is 0", errors[0].Detail);
    }

    [Fact]
    public void Validate_UniqueVolumeClaimTemplates_NoErrors()
    {
        var spec = ValidSpec() with { VolumeClaimTemplates = [Claim("data"), Claim("logs")] };

        Assert.Empty(Validate(spec));
    }

    [Fact]
    public void Validate_DuplicateVolumeClaimTemplateNames_DuplicateOnTheRepeat()
    {
        var spec = ValidSpec() with { VolumeClaimTemplates = [Claim("data"), Claim("logs"), Claim("data")] };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Duplicate, "spec.volumeClaimTemplates[2].metadata.name");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_VolumeClaimTemplateWithoutName_Required(string? name)
    {
        var spec = ValidSpec() with { VolumeClaimTemplates = [Claim(name)] };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Required, "spec.volumeClaimTemplates[0].metadata.name");
    }

    [Fact]
    public void Validate_VolumeClaimTemplateNameNotDnsSubdomain_Invalid()
    {
        var spec = ValidSpec() with { VolumeClaimTemplates = [Claim("Data_Disk")] };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.volumeClaimTemplates[0].metadata.name");
    }

    private static VMSetVolumeClaimTemplate Claim(string? name) => new()
    {
        Metadata = name is null ? null : new ObjectMeta { Name = name },
        Spec = new PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"] },
    };
}

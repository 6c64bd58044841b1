using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class VMPlacementPolicyValidationTests
{
    private static FieldErrorList Validate(VMPlacementPolicySpec spec)
    {
        var errors = new FieldErrorList();
        VMPlacementPolicyValidation.Validate(new V1Beta1.VMPlacementPolicy { Metadata = new ObjectMeta { Name = "web-spread", Namespace = "prod" }, Spec = spec }, errors);
        return errors;
    }


    private static VMAffinityTerm Term(string topologyKey = "kubernetes.io/hostname") => new()
    {
        LabelSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
        TopologyKey = topologyKey,
    };

    private static VMPlacementPolicySpec WithAntiAffinityTerm(VMAffinityTerm term) => new()
    {
        AntiAffinity = new AntiAffinityRules { VmAntiAffinity = new VMAntiAffinity { RequiredDuringScheduling = [term] } },
    };

    private static VMPlacementPolicySpec WithToleration(VMToleration toleration) => new()
    {
        Hard = new PlacementConstraints { Tolerations = [toleration] },
    };

    [Fact]
    public void Validate_EmptySpec_NoErrors()
    {
        Assert.Empty(Validate(new VMPlacementPolicySpec()));
    }

    [Fact]
    public void Validate_FullSensiblePolicy_NoErrors()
    {
        var spec = new VMPlacementPolicySpec
        {
            Hard = new PlacementConstraints
            {
                Clusters = ["prod-a", "prod-b"],
                ExcludedClusters = ["lab"],
                Datastores = ["ssd-01"],
                ExcludedDatastores = ["nfs-archive"],
                NodeSelector = new Dictionary<string, string> { ["virtrigaud.io/gpu"] = "true" },
                Tolerations = [new VMToleration { Key = "dedicated", Operator = VMTolerationOperator.Equal, Value = "web", Effect = VMTaintEffect.NoSchedule }],
            },
            Soft = new PlacementConstraints { Hosts = ["esx-01"], ExcludedHosts = ["esx-09"] },
            AntiAffinity = new AntiAffinityRules
            {
                VmAntiAffinity = new VMAntiAffinity
                {
                    RequiredDuringScheduling = [Term()],
                    PreferredDuringScheduling = [new WeightedVMAffinityTerm { Weight = 50, VmAffinityTerm = Term("topology.kubernetes.io/zone") }],
                },
                HostAntiAffinity = new HostAntiAffinityRule { Enabled = true, MaxVMsPerHost = 1, Scope = AffinityScope.Strict },
                ApplicationAntiAffinity = new ApplicationAntiAffinityRule { Enabled = true, ApplicationLabel = "app.kubernetes.io/name" },
            },
            ResourceConstraints = new ResourceConstraints { MinMemoryPerHost = Quantity.Parse("64Gi") },
            SecurityConstraints = new SecurityConstraints { AllowedSecurityGroups = ["web"], DeniedSecurityGroups = ["dmz"] },
        };

        Assert.Empty(Validate(spec));
    }

    public static TheoryData<string, PlacementConstraints, string> Contradictions => new()
    {
        { "clusters", new PlacementConstraints { Clusters = ["prod-a", "prod-b"], ExcludedClusters = ["lab", "prod-b"] }, "excludedClusters[1]" },
        { "hosts", new PlacementConstraints { Hosts = ["esx-01"], ExcludedHosts = ["esx-01"] }, "excludedHosts[0]" },
        { "datastores", new PlacementConstraints { Datastores = ["ssd-01"], ExcludedDatastores = ["ssd-01"] }, "excludedDatastores[0]" },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void Validate_HardEntryBothAllowedAndExcluded_InvalidOnTheExclusion(string list, PlacementConstraints constraints, string excludedField)
    {
        var errors = Validate(new VMPlacementPolicySpec { Hard = constraints });

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.hard." + excludedField);
        Assert.Equal($"may not also be listed in spec.hard.{list}", errors[0].Detail);
    }

    [Fact]
    public void Validate_SoftEntryBothAllowedAndExcluded_InvalidOnTheExclusion()
    {
        var spec = new VMPlacementPolicySpec { Soft = new PlacementConstraints { Clusters = ["prod-a"], ExcludedClusters = ["prod-a"] } };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.soft.excludedClusters[0]");
    }

    [Fact]
    public void Validate_HardRequiresWhatSoftExcludes_NoErrors()
    {
        // A soft exclusion is only a preference; the hard requirement simply wins.
        var spec = new VMPlacementPolicySpec
        {
            Hard = new PlacementConstraints { Clusters = ["prod-a"] },
            Soft = new PlacementConstraints { ExcludedClusters = ["prod-a"] },
        };

        Assert.Empty(Validate(spec));
    }

    [Fact]
    public void Validate_InvalidNodeSelectorKey_InvalidOnNodeSelector()
    {
        var spec = new VMPlacementPolicySpec { Hard = new PlacementConstraints { NodeSelector = new Dictionary<string, string> { ["bad key"] = "x" } } };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.hard.nodeSelector");
    }

    [Fact]
    public void Validate_TolerationWithEmptyKeyAndEqual_InvalidOnOperator()
    {
        var errors = Validate(WithToleration(new VMToleration { Operator = VMTolerationOperator.Equal, Value = "x" }));

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.hard.tolerations[0].operator");
        Assert.StartsWith("operator must be Exists when `key` is empty", errors[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TolerationWithEmptyKeyAndExists_NoErrors()
    {
        Assert.Empty(Validate(WithToleration(new VMToleration { Operator = VMTolerationOperator.Exists })));
    }

    [Fact]
    public void Validate_ExistsTolerationWithValue_InvalidOnOperator()
    {
        var errors = Validate(WithToleration(new VMToleration { Key = "dedicated", Operator = VMTolerationOperator.Exists, Value = "web" }));

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.hard.tolerations[0].operator");
        Assert.Equal("value must be empty when `operator` is 'Exists'", errors[0].Detail);
    }

    [Theory]
    [InlineData(VMTaintEffect.NoExecute, false)]
    [InlineData(VMTaintEffect.NoSchedule, true)]
    [InlineData(null, true)]
    public void Validate_TolerationSecondsNeedNoExecute(VMTaintEffect? effect, bool invalid)
    {
        var errors = Validate(WithToleration(new VMToleration { Key = "maintenance", Operator = VMTolerationOperator.Exists, Effect = effect, TolerationSeconds = 300 }));

        if (invalid)
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.hard.tolerations[0].effect");
        }
        else
        {
            Assert.Empty(errors);
        }
    }

    [Fact]
    public void Validate_TolerationKeyNotALabelKey_InvalidOnKey()
    {
        var errors = Validate(WithToleration(new VMToleration { Key = "-bad", Operator = VMTolerationOperator.Exists }));

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.hard.tolerations[0].key");
    }

    [Fact]
    public void Validate_EqualTolerationValueNotALabelValue_InvalidOnOperator()
    {
        var errors = Validate(WithToleration(new VMToleration { Key = "dedicated", Value = "web tier" }));

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.hard.tolerations[0].operator");
    }

    [Fact]
    public void Validate_EmptyTopologyKey_Required()
    {
        var errors = Validate(WithAntiAffinityTerm(Term("")));

        FieldErrorAssert.Single(errors, FieldErrorType.Required, "spec.antiAffinity.vmAntiAffinity.requiredDuringScheduling[0].topologyKey");
        Assert.Equal("can not be empty", errors[0].Detail);
    }

    [Fact]
    public void Validate_TopologyKeyNotALabelKey_Invalid()
    {
        var errors = Validate(WithAntiAffinityTerm(Term("rack id")));

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.antiAffinity.vmAntiAffinity.requiredDuringScheduling[0].topologyKey");
    }

    [Fact]
    public void Validate_PreferredAffinityTermWithEmptyTopologyKey_RequiredAtTheNestedPath()
    {
        var spec = new VMPlacementPolicySpec
        {
            Affinity = new AffinityRules
            {
                VmAffinity = new VMAffinity { PreferredDuringScheduling = [new WeightedVMAffinityTerm { Weight = 10, VmAffinityTerm = Term("") }] },
            },
        };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Required, "spec.affinity.vmAffinity.preferredDuringScheduling[0].vmAffinityTerm.topologyKey");
    }

    public static TheoryData<VMSelectorOperator, string[]?, FieldErrorType?, string> MatchExpressionCases => new()
    {
        { VMSelectorOperator.In, ["web"], null, "" },
        { VMSelectorOperator.NotIn, ["db", "cache"], null, "" },
        { VMSelectorOperator.Exists, null, null, "" },
        { VMSelectorOperator.DoesNotExist, [], null, "" },
        { VMSelectorOperator.In, null, FieldErrorType.Required, "values" },
        { VMSelectorOperator.NotIn, [], FieldErrorType.Required, "values" },
        { VMSelectorOperator.Exists, ["web"], FieldErrorType.Forbidden, "values" },
        { VMSelectorOperator.DoesNotExist, ["web"], FieldErrorType.Forbidden, "values" },
        { VMSelectorOperator.In, ["not a value"], FieldErrorType.Invalid, "values[0]" },
    };

    [Theory]
    [MemberData(nameof(MatchExpressionCases))]
    public void Validate_TermMatchExpressions_OperatorAndValuesRules(VMSelectorOperator op, string[]? values, FieldErrorType? expected, string field)
    {
        var term = Term() with { MatchExpressions = [new VMSelectorRequirement { Key = "app", Operator = op, Values = values }] };

        var errors = Validate(WithAntiAffinityTerm(term));

        if (expected is { } type)
        {
            FieldErrorAssert.Single(errors, type, "spec.antiAffinity.vmAntiAffinity.requiredDuringScheduling[0].matchExpressions[0]." + field);
        }
        else
        {
            Assert.Empty(errors);
        }
    }

    [Fact]
    public void Validate_TermLabelSelectorWithoutValues_RequiredInTheSelector()
    {
        var term = Term() with
        {
            LabelSelector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "app", Operator = "NotIn" }] },
        };

        FieldErrorAssert.Single(Validate(WithAntiAffinityTerm(term)), FieldErrorType.Required,
            "spec.antiAffinity.vmAntiAffinity.requiredDuringScheduling[0].labelSelector.matchExpressions[0].values");
    }

    [Fact]
    public void Validate_TermNamespaceSelectorWithBadOperator_InvalidInTheSelector()
    {
        var term = Term() with
        {
            NamespaceSelector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "team", Operator = "Like", Values = ["web"] }] },
        };

        FieldErrorAssert.Single(Validate(WithAntiAffinityTerm(term)), FieldErrorType.Invalid,
            "spec.antiAffinity.vmAntiAffinity.requiredDuringScheduling[0].namespaceSelector.matchExpressions[0].operator");
    }

    [Fact]
    public void Validate_TermNamespaceNotADnsLabel_Invalid()
    {
        var term = Term() with { Namespaces = ["prod", "Team_A"] };

        FieldErrorAssert.Single(Validate(WithAntiAffinityTerm(term)), FieldErrorType.Invalid,
            "spec.antiAffinity.vmAntiAffinity.requiredDuringScheduling[0].namespaces[1]");
    }

    [Theory]
    [InlineData("app", false)]
    [InlineData("app.kubernetes.io/part-of", false)]
    [InlineData("", true)]
    [InlineData("not a key", true)]
    public void Validate_ApplicationLabel_MustBeALabelKey(string label, bool invalid)
    {
        var spec = new VMPlacementPolicySpec
        {
            Affinity = new AffinityRules { ApplicationAffinity = new ApplicationAffinityRule { Enabled = true, ApplicationLabel = label } },
        };

        var errors = Validate(spec);

        if (invalid)
        {
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Equal("spec.affinity.applicationAffinity.applicationLabel", e.Field));
        }
        else
        {
            Assert.Empty(errors);
        }
    }

    [Fact]
    public void Validate_AntiAffinityApplicationLabelInvalid_InvalidAtItsPath()
    {
        var spec = new VMPlacementPolicySpec
        {
            AntiAffinity = new AntiAffinityRules { ApplicationAntiAffinity = new ApplicationAntiAffinityRule { Enabled = true, ApplicationLabel = "a/b/c" } },
        };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.antiAffinity.applicationAntiAffinity.applicationLabel");
    }

    [Theory]
    [InlineData("minMemoryPerHost")]
    [InlineData("minDiskSpacePerHost")]
    public void Validate_NegativeMinimumCapacity_Invalid(string field)
    {
        var negative = Quantity.Parse("-1Gi");
        var constraints = field == "minMemoryPerHost"
            ? new ResourceConstraints { MinMemoryPerHost = negative }
            : new ResourceConstraints { MinDiskSpacePerHost = negative };

        var errors = Validate(new VMPlacementPolicySpec { ResourceConstraints = constraints });

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.resourceConstraints." + field);
        Assert.Equal(ValidationMessages.IsNegative, errors[0].Detail);
    }

    [Fact]
    public void Validate_SecurityGroupBothAllowedAndDenied_InvalidOnTheDenial()
    {
        var spec = new VMPlacementPolicySpec
        {
            SecurityConstraints = new SecurityConstraints { AllowedSecurityGroups = ["web", "pci"], DeniedSecurityGroups = ["pci"] },
        };

        FieldErrorAssert.Single(Validate(spec), FieldErrorType.Invalid, "spec.securityConstraints.deniedSecurityGroups[0]");
    }
}

using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The checks on a <see cref="VMPlacementPolicy"/> that its OpenAPI schema cannot express: constraint lists that
/// contradict themselves, and the label, selector, toleration and topology rules core/v1 applies to the pod
/// scheduling fields these are modelled on. Runs after schema validation and defaulting; never mutates.
/// </summary>
public static class VMPlacementPolicyValidation
{
    public static void Validate(VMPlacementPolicy obj, FieldErrorList errors)
    {
        var spec = obj.Spec;
        var specPath = FieldPath.NewPath("spec");
        if (spec.Hard is { } hard)
        {
            ValidateConstraints(hard, specPath.Child("hard"), errors);
        }

        if (spec.Soft is { } soft)
        {
            ValidateConstraints(soft, specPath.Child("soft"), errors);
        }

        if (spec.Affinity is { } affinity)
        {
            var path = specPath.Child("affinity");
            var vmPath = path.Child("vmAffinity");
            ValidateVmAffinity(affinity.VmAffinity?.RequiredDuringScheduling, affinity.VmAffinity?.PreferredDuringScheduling, vmPath, errors);
            ValidateApplicationLabel(affinity.ApplicationAffinity?.ApplicationLabel, path.Child("applicationAffinity", "applicationLabel"), errors);
        }

        if (spec.AntiAffinity is { } antiAffinity)
        {
            var path = specPath.Child("antiAffinity");
            var vmPath = path.Child("vmAntiAffinity");
            ValidateVmAffinity(antiAffinity.VmAntiAffinity?.RequiredDuringScheduling, antiAffinity.VmAntiAffinity?.PreferredDuringScheduling, vmPath, errors);
            ValidateApplicationLabel(antiAffinity.ApplicationAntiAffinity?.ApplicationLabel, path.Child("applicationAntiAffinity", "applicationLabel"), errors);
        }

        if (spec.ResourceConstraints is { } resources)
        {
            var path = specPath.Child("resourceConstraints");
            ValidateNonNegative(resources.MinMemoryPerHost, path.Child("minMemoryPerHost"), errors);
            ValidateNonNegative(resources.MinDiskSpacePerHost, path.Child("minDiskSpacePerHost"), errors);
        }

        if (spec.SecurityConstraints is { } security)
        {
            var path = specPath.Child("securityConstraints");
            ValidateDisjoint(security.AllowedSecurityGroups, path.Child("allowedSecurityGroups"), security.DeniedSecurityGroups, path.Child("deniedSecurityGroups"), errors);
        }
    }

    private static void ValidateConstraints(PlacementConstraints constraints, FieldPath path, FieldErrorList errors)
    {
        // An entry both allowed and excluded cannot be meant; which one should win is anybody's guess.
        ValidateDisjoint(constraints.Clusters, path.Child("clusters"), constraints.ExcludedClusters, path.Child("excludedClusters"), errors);
        ValidateDisjoint(constraints.Hosts, path.Child("hosts"), constraints.ExcludedHosts, path.Child("excludedHosts"), errors);
        ValidateDisjoint(constraints.Datastores, path.Child("datastores"), constraints.ExcludedDatastores, path.Child("excludedDatastores"), errors);
        errors.AddRange(LabelValidation.ValidateLabels(constraints.NodeSelector, path.Child("nodeSelector")));
        if (constraints.Tolerations is { } tolerations)
        {
            for (var i = 0; i < tolerations.Count; i++)
            {
                ValidateToleration(tolerations[i], path.Child("tolerations").Index(i), errors);
            }
        }
    }

    /// <summary>Reports each entry of <paramref name="excluded"/> that also appears in <paramref name="included"/>.</summary>
    private static void ValidateDisjoint(IReadOnlyList<string>? included, FieldPath includedPath, IReadOnlyList<string>? excluded, FieldPath excludedPath, FieldErrorList errors)
    {
        if (included is null || excluded is null)
        {
            return;
        }

        var set = new HashSet<string>(included, StringComparer.Ordinal);
        for (var i = 0; i < excluded.Count; i++)
        {
            if (set.Contains(excluded[i]))
            {
                errors.Add(FieldError.Invalid(excludedPath.Index(i), excluded[i], $"may not also be listed in {includedPath}"));
            }
        }
    }

    /// <summary>The rules of core/v1 <c>validateTolerations</c>, with its messages.</summary>
    private static void ValidateToleration(VMToleration toleration, FieldPath path, FieldErrorList errors)
    {
        var op = toleration.Operator ?? VMTolerationOperator.Equal;
        if (!string.IsNullOrEmpty(toleration.Key))
        {
            errors.AddRange(LabelValidation.ValidateLabelName(toleration.Key, path.Child("key")));
        }
        else if (op != VMTolerationOperator.Exists)
        {
            errors.Add(FieldError.Invalid(path.Child("operator"), op.ToString(),
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
        }

        if (toleration.TolerationSeconds is not null && toleration.Effect != VMTaintEffect.NoExecute)
        {
            errors.Add(FieldError.Invalid(path.Child("effect"), toleration.Effect?.ToString() ?? "",
                "effect must be 'NoExecute' when `tolerationSeconds` is set"));
        }

        var value = toleration.Value ?? "";
        if (op == VMTolerationOperator.Exists)
        {
            if (value.Length > 0)
            {
                errors.Add(FieldError.Invalid(path.Child("operator"), value, "value must be empty when `operator` is 'Exists'"));
            }
        }
        else if (NameValidation.IsValidLabelValue(value) is { Count: > 0 } messages)
        {
            errors.Add(FieldError.Invalid(path.Child("operator"), value, string.Join(";", messages)));
        }
    }

    private static void ValidateVmAffinity(IReadOnlyList<VMAffinityTerm>? required, IReadOnlyList<WeightedVMAffinityTerm>? preferred, FieldPath path, FieldErrorList errors)
    {
        for (var i = 0; i < (required?.Count ?? 0); i++)
        {
            ValidateTerm(required![i], path.Child("requiredDuringScheduling").Index(i), errors);
        }

        for (var i = 0; i < (preferred?.Count ?? 0); i++)
        {
            ValidateTerm(preferred![i].VmAffinityTerm, path.Child("preferredDuringScheduling").Index(i).Child("vmAffinityTerm"), errors);
        }
    }

    /// <summary>As core/v1 <c>validatePodAffinityTerm</c>, plus the term's own match expressions.</summary>
    private static void ValidateTerm(VMAffinityTerm term, FieldPath path, FieldErrorList errors)
    {
        errors.AddRange(LabelValidation.ValidateLabelSelector(term.LabelSelector, path.Child("labelSelector")));
        errors.AddRange(LabelValidation.ValidateLabelSelector(term.NamespaceSelector, path.Child("namespaceSelector")));
        if (term.Namespaces is { } namespaces)
        {
            for (var i = 0; i < namespaces.Count; i++)
            {
                foreach (var message in NameValidation.ValidateNamespaceName(namespaces[i], prefix: false))
                {
                    errors.Add(FieldError.Invalid(path.Child("namespaces").Index(i), namespaces[i], message));
                }
            }
        }

        if (term.TopologyKey.Length == 0)
        {
            errors.Add(FieldError.Required(path.Child("topologyKey"), "can not be empty"));
        }
        else
        {
            errors.AddRange(LabelValidation.ValidateLabelName(term.TopologyKey, path.Child("topologyKey")));
        }

        if (term.MatchExpressions is { } expressions)
        {
            for (var i = 0; i < expressions.Count; i++)
            {
                // Same rules as a label selector's expressions: In/NotIn need values, Exists/DoesNotExist take none.
                var requirement = new LabelSelectorRequirement
                {
                    Key = expressions[i].Key,
                    Operator = expressions[i].Operator.ToString(),
                    Values = expressions[i].Values,
                };
                errors.AddRange(LabelValidation.ValidateLabelSelectorRequirement(requirement, path.Child("matchExpressions").Index(i)));
            }
        }
    }

    /// <summary>The application label is a label key that VMs are grouped by.</summary>
    private static void ValidateApplicationLabel(string? label, FieldPath path, FieldErrorList errors)
    {
        if (label is not null)
        {
            errors.AddRange(LabelValidation.ValidateLabelName(label, path));
        }
    }

    private static void ValidateNonNegative(Quantity? quantity, FieldPath path, FieldErrorList errors)
    {
        if (quantity is not null && quantity.Sign < 0)
        {
            errors.Add(FieldError.Invalid(path, quantity.ToString(), ValidationMessages.IsNegative));
        }
    }
}

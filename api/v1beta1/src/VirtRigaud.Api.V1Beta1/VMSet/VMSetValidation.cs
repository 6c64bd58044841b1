using System.Globalization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Labels;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The checks on a <see cref="VMSet"/> that its OpenAPI schema cannot express, modelled on apps/v1's StatefulSet and
/// Deployment validation: a non-empty, well-formed selector that matches the template's labels, a sane rolling
/// update, unique claim templates, and the template's VM spec checked as a VirtualMachine's would be. Runs after schema
/// validation and defaulting; never mutates.
/// </summary>
public static class VMSetValidation
{
    public static void Validate(VMSet obj, FieldErrorList errors)
    {
        var spec = obj.Spec;
        var specPath = FieldPath.NewPath("spec");
        ValidateSelectorAndTemplate(spec, specPath, errors);
        VirtualMachineValidation.ValidateSpec(spec.Template.Spec, specPath.Child("template", "spec"), obj.Metadata.Namespace, requireBootSource: true, errors);
        if (spec.UpdateStrategy is { } strategy)
        {
            ValidateUpdateStrategy(strategy, specPath.Child("updateStrategy"), errors);
        }

        if (spec.VolumeClaimTemplates is { } claims)
        {
            ValidateVolumeClaimTemplates(claims, specPath.Child("volumeClaimTemplates"), errors);
        }
    }

    private static void ValidateSelectorAndTemplate(VMSetSpec spec, FieldPath specPath, FieldErrorList errors)
    {
        var selectorPath = specPath.Child("selector");
        var selectorErrors = LabelValidation.ValidateLabelSelector(spec.Selector, selectorPath);
        errors.AddRange(selectorErrors);
        var labels = spec.Template.Metadata?.Labels;
        var labelsPath = specPath.Child("template", "metadata", "labels");
        errors.AddRange(LabelValidation.ValidateLabels(labels, labelsPath));
        errors.AddRange(ObjectMetaValidation.ValidateAnnotations(spec.Template.Metadata?.Annotations, specPath.Child("template", "metadata", "annotations")));

        // An empty selector would claim every VirtualMachine in the namespace; apps/v1 refuses it for the same reason.
        if ((spec.Selector.MatchLabels?.Count ?? 0) == 0 && (spec.Selector.MatchExpressions?.Count ?? 0) == 0)
        {
            var text = $"v1.LabelSelector{{MatchLabels:{FormatGoMap(spec.Selector.MatchLabels)}, MatchExpressions:[]v1.LabelSelectorRequirement{(spec.Selector.MatchExpressions is null ? "(nil)" : "{}")}}}";
            errors.Add(FieldError.Invalid(selectorPath, new GoSyntaxValue(spec.Selector, text), "empty selector is invalid for vmset"));
        }
        else if (selectorErrors.Count == 0 && !spec.Selector.Matches(labels))
        {
            // Replicas that the set's own selector does not select would be created again and again.
            errors.Add(FieldError.Invalid(labelsPath, new GoSyntaxValue(labels, FormatGoMap(labels)), "`selector` does not match template `labels`"));
        }
    }

    private static void ValidateUpdateStrategy(VMSetUpdateStrategy strategy, FieldPath path, FieldErrorList errors)
    {
        var type = strategy.Type ?? VMSetUpdateStrategyType.RollingUpdate;
        if (strategy.RollingUpdate is not { } rollingUpdate)
        {
            return;
        }

        var rollingPath = path.Child("rollingUpdate");
        if (type != VMSetUpdateStrategyType.RollingUpdate)
        {
            errors.Add(FieldError.Forbidden(rollingPath, $"may not be specified when strategy `type` is '{type}'"));
            return;
        }

        // As apps/v1 ValidateRollingUpdateDeployment: both bounds are counts or percentages, neither negative,
        // maxUnavailable at most 100%, and not both zero (the roll-out could never make progress).
        var maxUnavailablePath = rollingPath.Child("maxUnavailable");
        if (rollingUpdate.MaxUnavailable is { } maxUnavailable)
        {
            ValidateNonNegativeIntOrPercent(maxUnavailable, maxUnavailablePath, errors);
        }

        if (rollingUpdate.MaxSurge is { } maxSurge)
        {
            ValidateNonNegativeIntOrPercent(maxSurge, rollingPath.Child("maxSurge"), errors);
        }

        if (rollingUpdate.MaxUnavailable is { } unavailable && IsZero(unavailable) && rollingUpdate.MaxSurge is { } surge && IsZero(surge))
        {
            errors.Add(FieldError.Invalid(maxUnavailablePath, unavailable, "may not be 0 when `maxSurge` is 0"));
        }

        if (rollingUpdate.MaxUnavailable is { IsPercent: true } percent && PercentValue(percent) > 100)
        {
            errors.Add(FieldError.Invalid(maxUnavailablePath, percent, "must not be greater than 100%"));
        }
    }

    private static void ValidateNonNegativeIntOrPercent(IntOrString value, FieldPath path, FieldErrorList errors)
    {
        if (value.IsInt)
        {
            errors.AddRange(NumberValidation.ValidateNonnegativeField(value.IntValue, path));
            return;
        }

        foreach (var message in NumberValidation.IsValidPercent(value.StringValue!))
        {
            errors.Add(FieldError.Invalid(path, value, message));
        }
    }

    private static void ValidateVolumeClaimTemplates(IReadOnlyList<VMSetVolumeClaimTemplate> claims, FieldPath path, FieldErrorList errors)
    {
        // Each replica's claim is named <template>-<set>-<ordinal>, so a template needs a unique, DNS-safe name.
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < claims.Count; i++)
        {
            var namePath = path.Index(i).Child("metadata", "name");
            var name = claims[i].Metadata?.Name;
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(FieldError.Required(namePath, "the per-replica claims are named after it"));
                continue;
            }

            foreach (var message in NameValidation.IsDns1123Subdomain(name))
            {
                errors.Add(FieldError.Invalid(namePath, name, message));
            }

            if (!names.Add(name))
            {
                errors.Add(FieldError.Duplicate(namePath, name));
            }
        }
    }

    private static bool IsZero(IntOrString value) => value.IsInt ? value.IntValue == 0 : value.IsPercent && PercentValue(value) == 0;

    private static int PercentValue(IntOrString percent) =>
        int.Parse(percent.StringValue.AsSpan(0, percent.StringValue!.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>Go's <c>%#v</c> of a <c>map[string]string</c>: keys sorted, <c>map[string]string{"a":"b", "c":"d"}</c>.</summary>
    private static string FormatGoMap(IReadOnlyDictionary<string, string>? map) =>
        map is null
            ? "map[string]string(nil)"
            : "map[string]string{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => FieldError.Quote(p.Key) + ":" + FieldError.Quote(p.Value))) + "}";
}

using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Validation;

public sealed class LabelValidationTests
{
    private const string NamePartRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string LabelValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private static readonly FieldPath SelectorPath = FieldPath.NewPath("spec", "selector");

    public static TheoryData<LabelSelector?, string[]> Selectors => new()
    {
        { null, [] },
        { new LabelSelector(), [] },
        { new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web", ["example.com/tier"] = "" } }, [] },
        { new LabelSelector { MatchExpressions = [Expr("app", "In", "web", "db"), Expr("x", "NotIn", "a"), Expr("y", "Exists"), Expr("z", "DoesNotExist")] }, [] },
        {
            new LabelSelector { MatchExpressions = [Expr("app", "In")] },
            ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]
        },
        {
            new LabelSelector { MatchExpressions = [Expr("y", "Exists"), new LabelSelectorRequirement { Key = "app", Operator = "NotIn", Values = [] }] },
            ["spec.selector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]
        },
        {
            new LabelSelector { MatchExpressions = [Expr("app", "Exists", "web")] },
            ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]
        },
        {
            new LabelSelector { MatchExpressions = [Expr("app", "DoesNotExist", "web")] },
            ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]
        },
        {
            new LabelSelector { MatchExpressions = [Expr("app", "Foo", "web")] },
            ["spec.selector.matchExpressions[0].operator: Invalid value: \"Foo\": not a valid selector operator"]
        },
        {
            new LabelSelector { MatchExpressions = [Expr("app", "in", "web")] },
            ["spec.selector.matchExpressions[0].operator: Invalid value: \"in\": not a valid selector operator"]
        },
        {
            new LabelSelector { MatchExpressions = [Expr("a b", "Exists")] },
            ["spec.selector.matchExpressions[0].key: Invalid value: \"a b\": " + NamePartRule]
        },
        {
            new LabelSelector { MatchExpressions = [Expr("", "Exists")] },
            [
                "spec.selector.matchExpressions[0].key: Invalid value: \"\": name part must be non-empty",
                "spec.selector.matchExpressions[0].key: Invalid value: \"\": " + NamePartRule,
            ]
        },
        {
            new LabelSelector { MatchExpressions = [Expr("ok", "In", "fine", "not fine")] },
            ["spec.selector.matchExpressions[0].values[1]: Invalid value: \"not fine\": " + LabelValueRule]
        },
        {
            new LabelSelector { MatchLabels = new Dictionary<string, string> { ["a b"] = "web" } },
            ["spec.selector.matchLabels: Invalid value: \"a b\": " + NamePartRule]
        },
        {
            new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "-web" } },
            ["spec.selector.matchLabels: Invalid value: \"-web\": " + LabelValueRule]
        },
        {
            new LabelSelector
            {
                MatchLabels = new Dictionary<string, string> { ["app"] = "-web" },
                MatchExpressions = [Expr("-k", "Foo", "-v")],
            },
            [
                "spec.selector.matchLabels: Invalid value: \"-web\": " + LabelValueRule,
                "spec.selector.matchExpressions[0].operator: Invalid value: \"Foo\": not a valid selector operator",
                "spec.selector.matchExpressions[0].key: Invalid value: \"-k\": " + NamePartRule,
                "spec.selector.matchExpressions[0].values[0]: Invalid value: \"-v\": " + LabelValueRule,
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Selectors))]
    public void ValidateLabelSelector_Selector_ReportsKubernetesErrors(LabelSelector? selector, string[] expected)
    {
        var errors = LabelValidation.ValidateLabelSelector(selector, SelectorPath);

        Assert.Equal(expected, errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateLabelSelector_ErrorTypes_AreRequiredForbiddenInvalid()
    {
        var selector = new LabelSelector { MatchExpressions = [Expr("a", "In"), Expr("b", "Exists", "x"), Expr("c", "Bad")] };

        var errors = LabelValidation.ValidateLabelSelector(selector, SelectorPath);

        Assert.Equal([FieldErrorType.Required, FieldErrorType.Forbidden, FieldErrorType.Invalid], errors.Select(e => e.Type));
    }

    [Fact]
    public void ValidateLabelSelector_AllowInvalidLabelValue_SkipsValueSyntax()
    {
        var selector = new LabelSelector { MatchExpressions = [Expr("app", "In", "not valid")] };
        var options = new LabelSelectorValidationOptions { AllowInvalidLabelValueInSelector = true };

        Assert.Empty(LabelValidation.ValidateLabelSelector(selector, SelectorPath, options));
        Assert.Single(LabelValidation.ValidateLabelSelector(selector, SelectorPath));
    }

    [Fact]
    public void ValidateLabelSelector_AllowUnknownOperator_SkipsOperatorCheck()
    {
        var selector = new LabelSelector { MatchExpressions = [Expr("app", "Gt", "1")] };
        var options = new LabelSelectorValidationOptions { AllowUnknownOperatorInRequirement = true };

        Assert.Empty(LabelValidation.ValidateLabelSelector(selector, SelectorPath, options));
        Assert.Single(LabelValidation.ValidateLabelSelector(selector, SelectorPath));
    }

    [Theory]
    [InlineData("app", "web", 0)]
    [InlineData("example.com/app", "", 0)]
    [InlineData("App_1.x", "Web_1.x", 0)]
    [InlineData("a b", "web", 1)]
    [InlineData("app", "web site", 1)]
    [InlineData("a b", "c d", 2)]
    [InlineData("", "", 2)]
    public void ValidateLabels_Entry_ReportsKeyAndValueProblems(string key, string value, int expectedErrors)
    {
        var errors = LabelValidation.ValidateLabels(new Dictionary<string, string> { [key] = value }, FieldPath.NewPath("metadata", "labels"));

        Assert.Equal(expectedErrors, errors.Count);
        Assert.All(errors, e => Assert.Equal("metadata.labels", e.Field));
        Assert.All(errors, e => Assert.Equal(FieldErrorType.Invalid, e.Type));
    }

    [Fact]
    public void ValidateLabels_InvalidValue_PrintsValueOnMapPath()
    {
        var errors = LabelValidation.ValidateLabels(new Dictionary<string, string> { ["app"] = "web site" }, FieldPath.NewPath("metadata", "labels"));

        Assert.Equal("metadata.labels: Invalid value: \"web site\": " + LabelValueRule, errors.ToString());
    }

    [Fact]
    public void ValidateLabels_Null_NoErrors()
    {
        Assert.Empty(LabelValidation.ValidateLabels(null, FieldPath.NewPath("metadata", "labels")));
    }

    [Theory]
    [InlineData("app", 0)]
    [InlineData("a/b/c", 1)]
    [InlineData("/x", 1)]
    public void ValidateLabelName_Key_IsQualifiedName(string key, int expectedErrors)
    {
        var errors = LabelValidation.ValidateLabelName(key, FieldPath.NewPath("key"));

        Assert.Equal(expectedErrors, errors.Count);
    }

    [Fact]
    public void LabelSelectorHasInvalidLabelValue_DetectsBadExpressionValues()
    {
        Assert.False(LabelValidation.LabelSelectorHasInvalidLabelValue(null));
        Assert.False(LabelValidation.LabelSelectorHasInvalidLabelValue(new LabelSelector { MatchExpressions = [Expr("a", "In", "ok")] }));
        Assert.True(LabelValidation.LabelSelectorHasInvalidLabelValue(new LabelSelector { MatchExpressions = [Expr("a", "In", "ok", "not ok")] }));
        Assert.False(LabelValidation.LabelSelectorHasInvalidLabelValue(new LabelSelector { MatchLabels = new Dictionary<string, string> { ["a"] = "not ok" } }));
    }

    private static LabelSelectorRequirement Expr(string key, string op, params string[] values) =>
        new() { Key = key, Operator = op, Values = values.Length == 0 ? null : values };
}

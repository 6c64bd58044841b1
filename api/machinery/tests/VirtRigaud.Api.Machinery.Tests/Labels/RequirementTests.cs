using VirtRigaud.Api.Machinery.Labels;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Labels;

public sealed class RequirementTests
{
    private const string NamePartRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string LabelValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    public static TheoryData<string, SelectionOperator, string[]?, string> ValidRequirements => new()
    {
        { "x", SelectionOperator.Equal, ["a"], "x=a" },
        { "x", SelectionOperator.DoubleEqual, ["a"], "x==a" },
        { "x", SelectionOperator.NotEqual, ["a"], "x!=a" },
        { "x", SelectionOperator.Equal, [""], "x=" },
        { "x", SelectionOperator.In, ["b", "a"], "x in (a,b)" },
        { "x", SelectionOperator.In, ["b", "a", "b"], "x in (a,b,b)" },
        { "x", SelectionOperator.In, [""], "x in ()" },
        { "x", SelectionOperator.NotIn, ["a"], "x notin (a)" },
        { "x", SelectionOperator.Exists, null, "x" },
        { "x", SelectionOperator.Exists, [], "x" },
        { "x", SelectionOperator.DoesNotExist, null, "!x" },
        { "x", SelectionOperator.GreaterThan, ["1"], "x>1" },
        { "x", SelectionOperator.LessThan, ["9223372036854775807"], "x<9223372036854775807" },
        { "example.com/x", SelectionOperator.Equal, ["A.b_c-1"], "example.com/x=A.b_c-1" },
    };

    public static TheoryData<string, SelectionOperator, string[]?, string> InvalidRequirements => new()
    {
        { "x", SelectionOperator.In, null, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty" },
        { "x", SelectionOperator.NotIn, [], "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty" },
        { "x", SelectionOperator.Equal, null, "values: Invalid value: []string(nil): exact-match compatibility requires one single value" },
        { "x", SelectionOperator.DoubleEqual, ["a", "b"], "values: Invalid value: []string{\"a\", \"b\"}: exact-match compatibility requires one single value" },
        { "x", SelectionOperator.NotEqual, [], "values: Invalid value: []string{}: exact-match compatibility requires one single value" },
        { "x", SelectionOperator.Exists, ["a"], "values: Invalid value: []string{\"a\"}: values set must be empty for exists and does not exist" },
        { "x", SelectionOperator.DoesNotExist, [""], "values: Invalid value: []string{\"\"}: values set must be empty for exists and does not exist" },
        { "x", SelectionOperator.GreaterThan, null, "values: Invalid value: []string(nil): for 'Gt', 'Lt' operators, exactly one value is required" },
        {
            "x", SelectionOperator.GreaterThan, ["1", "2"],
            "values: Invalid value: []string{\"1\", \"2\"}: for 'Gt', 'Lt' operators, exactly one value is required"
        },
        { "x", SelectionOperator.LessThan, ["a"], "values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer" },
        { "x", SelectionOperator.LessThan, ["1 "], "[values[0]: Invalid value: \"1 \": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: \"1 \": " + LabelValueRule + "]" },
        { "x", SelectionOperator.GreaterThan, ["0x10"], "values[0]: Invalid value: \"0x10\": for 'Gt', 'Lt' operators, the value must be an integer" },
        { "x", SelectionOperator.GreaterThan, ["9223372036854775808"], "values[0]: Invalid value: \"9223372036854775808\": for 'Gt', 'Lt' operators, the value must be an integer" },
        { "", SelectionOperator.Exists, null, "key: Invalid value: \"\": name part must be non-empty; " + NamePartRule },
        { "a b", SelectionOperator.Exists, null, "key: Invalid value: \"a b\": " + NamePartRule },
        { "Example.com/x", SelectionOperator.Exists, null, "key: Invalid value: \"Example.com/x\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')" },
        { "x", SelectionOperator.In, ["ok", "a b"], "values[1][x]: Invalid value: \"a b\": " + LabelValueRule },
        { "a b", SelectionOperator.Equal, ["c d"], "[key: Invalid value: \"a b\": " + NamePartRule + ", values[0][a b]: Invalid value: \"c d\": " + LabelValueRule + "]" },
        {
            "x", (SelectionOperator)99, null,
            "operator: Unsupported value: \"99\": supported values: \"in\", \"notin\", \"=\", \"==\", \"!=\", \"gt\", \"lt\", \"exists\", \"!\""
        },
    };

    [Theory]
    [MemberData(nameof(ValidRequirements))]
    public void Create_ValidRequirement_PrintsKubernetesForm(string key, SelectionOperator op, string[]? values, string expected)
    {
        var requirement = Requirement.Create(key, op, values);

        Assert.Equal(expected, requirement.ToString());
        Assert.Equal(key, requirement.Key);
        Assert.Equal(op, requirement.Operator);
        Assert.Equal(values ?? [], requirement.Values);
    }

    [Theory]
    [MemberData(nameof(InvalidRequirements))]
    public void Create_InvalidRequirement_ThrowsAggregateMessage(string key, SelectionOperator op, string[]? values, string message)
    {
        var ex = Assert.Throws<SelectorFormatException>(() => Requirement.Create(key, op, values));

        Assert.Equal(message, ex.Message);
        Assert.NotEmpty(ex.Errors!);
    }

    [Theory]
    [MemberData(nameof(InvalidRequirements))]
    public void TryCreate_InvalidRequirement_ReturnsFieldErrors(string key, SelectionOperator op, string[]? values, string message)
    {
        var ok = Requirement.TryCreate(key, op, values, out var requirement, out var errors);

        Assert.False(ok);
        Assert.Null(requirement);
        Assert.Equal(message, errors.ToString());
    }

    [Fact]
    public void TryCreate_ValidRequirement_ReturnsNoErrors()
    {
        Assert.True(Requirement.TryCreate("x", SelectionOperator.In, ["a"], out var requirement, out var errors));
        Assert.NotNull(requirement);
        Assert.Empty(errors);
    }

    [Fact]
    public void TryCreate_SeveralProblems_ReportsTypesAndFieldsInKubernetesOrder()
    {
        Requirement.TryCreate("-k", SelectionOperator.GreaterThan, ["a", "-b"], out _, out var errors);

        Assert.Equal(["key", "values", "values[0]", "values[1]", "values[1][-k]"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal(FieldErrorType.Invalid, e.Type));
    }

    [Fact]
    public void TryCreate_UnknownOperator_IsNotSupported()
    {
        Requirement.TryCreate("x", (SelectionOperator)42, null, out _, out var errors);

        Assert.Equal(FieldErrorType.NotSupported, Assert.Single(errors).Type);
    }

    [Fact]
    public void Create_WithPath_PrefixesEveryErrorPath()
    {
        var path = FieldPath.NewPath("spec", "selector");

        var ex = Assert.Throws<SelectorFormatException>(() => Requirement.Create("a b", SelectionOperator.In, null, path));

        Assert.Equal(["spec.selector.key", "spec.selector.values"], ex.Errors!.Select(e => e.Field));
    }

    [Fact]
    public void Values_KeepGivenOrder_ToStringSorts()
    {
        var requirement = Requirement.Create("x", SelectionOperator.NotIn, ["c", "a", "b"]);

        Assert.Equal(["c", "a", "b"], requirement.Values);
        Assert.Equal("x notin (a,b,c)", requirement.ToString());
    }

    [Theory]
    [InlineData(SelectionOperator.In, new[] { "a" }, "a", true)]
    [InlineData(SelectionOperator.In, new[] { "a" }, null, false)]
    [InlineData(SelectionOperator.NotIn, new[] { "a" }, null, true)]
    [InlineData(SelectionOperator.NotIn, new[] { "a", "b" }, "b", false)]
    [InlineData(SelectionOperator.Equal, new[] { "a" }, "a", true)]
    [InlineData(SelectionOperator.NotEqual, new[] { "a" }, "a", false)]
    [InlineData(SelectionOperator.Exists, new string[0], "", true)]
    [InlineData(SelectionOperator.DoesNotExist, new string[0], "", false)]
    [InlineData(SelectionOperator.GreaterThan, new[] { "-1" }, "0", true)]
    [InlineData(SelectionOperator.LessThan, new[] { "5" }, "-9223372036854775808", true)]
    [InlineData(SelectionOperator.LessThan, new[] { "5" }, "5\0", false)]
    [InlineData(SelectionOperator.GreaterThan, new[] { "5" }, "\u0666", false)]
    public void Matches_SingleRequirement_FollowsOperator(SelectionOperator op, string[] values, string? labelValue, bool expected)
    {
        var requirement = op is SelectionOperator.GreaterThan or SelectionOperator.LessThan
            ? CreateNumericUnvalidatedValue(op, values[0])
            : Requirement.Create("k", op, values);
        var labels = labelValue is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["k"] = labelValue };

        Assert.Equal(expected, requirement.Matches(labels));
    }

    [Fact]
    public void Equals_SameKeyOperatorValues_AreEqual()
    {
        var a = Requirement.Create("x", SelectionOperator.In, ["a", "b"]);
        var b = Requirement.Create("x", SelectionOperator.In, ["a", "b"]);
        var reordered = Requirement.Create("x", SelectionOperator.In, ["b", "a"]);
        var otherOp = Requirement.Create("x", SelectionOperator.NotIn, ["a", "b"]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, reordered);
        Assert.NotEqual(a, otherOp);
        Assert.False(a.Equals(null));
    }

    // Negative bounds are not label values, so Create rejects them; matching still has to handle them.
    private static Requirement CreateNumericUnvalidatedValue(SelectionOperator op, string bound) =>
        Requirement.CreateUnchecked("k", op, [bound]);
}

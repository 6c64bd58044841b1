using VirtRigaud.Api.Machinery.Labels;

namespace VirtRigaud.Api.Machinery.Tests.Labels;

public sealed class SelectorFromLabelSelectorTests
{
    public static TheoryData<LabelSelector, string> ValidSelectors => new()
    {
        { new LabelSelector { MatchLabels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } }, "a=1,b=2" },
        { new LabelSelector { MatchLabels = new Dictionary<string, string> { ["a"] = "" } }, "a=" },
        { new LabelSelector { MatchExpressions = [Expr("x", "In", "b", "a")] }, "x in (a,b)" },
        { new LabelSelector { MatchExpressions = [Expr("x", "In", "b", "a", "b")] }, "x in (a,b,b)" },
        { new LabelSelector { MatchExpressions = [Expr("x", "In", "")] }, "x in ()" },
        { new LabelSelector { MatchExpressions = [Expr("x", "NotIn", "a")] }, "x notin (a)" },
        { new LabelSelector { MatchExpressions = [Expr("x", "Exists")] }, "x" },
        { new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "x", Operator = "Exists", Values = [] }] }, "x" },
        { new LabelSelector { MatchExpressions = [Expr("x", "DoesNotExist")] }, "!x" },
        {
            new LabelSelector
            {
                MatchLabels = new Dictionary<string, string> { ["z"] = "1" },
                MatchExpressions = [Expr("m", "NotIn", "q"), Expr("a", "Exists")],
            },
            "a,m notin (q),z=1"
        },
        {
            new LabelSelector
            {
                MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
                MatchExpressions = [Expr("app", "In", "web", "api")],
            },
            "app=web,app in (api,web)"
        },
    };

    public static TheoryData<LabelSelector, string> InvalidSelectors => new()
    {
        { new LabelSelector { MatchExpressions = [Expr("x", "Foo", "a")] }, "\"Foo\" is not a valid label selector operator" },
        { new LabelSelector { MatchExpressions = [Expr("x", "in", "a")] }, "\"in\" is not a valid label selector operator" },
        { new LabelSelector { MatchExpressions = [Expr("x", "", "a")] }, "\"\" is not a valid label selector operator" },
        { new LabelSelector { MatchExpressions = [Expr("x", "In")] }, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty" },
        {
            new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "x", Operator = "NotIn", Values = [] }] },
            "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"
        },
        { new LabelSelector { MatchExpressions = [Expr("x", "Exists", "a")] }, "values: Invalid value: []string{\"a\"}: values set must be empty for exists and does not exist" },
        { new LabelSelector { MatchExpressions = [Expr("x", "DoesNotExist", "a", "b")] }, "values: Invalid value: []string{\"a\", \"b\"}: values set must be empty for exists and does not exist" },
        {
            new LabelSelector { MatchExpressions = [Expr("a b", "Exists")] },
            "key: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        },
        {
            new LabelSelector { MatchExpressions = [Expr("x", "In", "ok", "not ok")] },
            "values[1][x]: Invalid value: \"not ok\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        },
        {
            new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "a b" } },
            "values[0][app]: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        },
        {
            new LabelSelector { MatchLabels = new Dictionary<string, string> { ["z z"] = "1", ["a a"] = "1" } },
            "key: Invalid value: \"a a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        },
    };

    [Fact]
    public void FromLabelSelector_Null_IsNothing()
    {
        Assert.Same(Selector.Nothing, Selector.FromLabelSelector(null));
    }

    [Fact]
    public void FromLabelSelector_Empty_IsEverything()
    {
        Assert.Same(Selector.Everything, Selector.FromLabelSelector(new LabelSelector()));
        Assert.Same(Selector.Everything, Selector.FromLabelSelector(new LabelSelector { MatchLabels = new Dictionary<string, string>(), MatchExpressions = [] }));
    }

    [Theory]
    [MemberData(nameof(ValidSelectors))]
    public void FromLabelSelector_Valid_PrintsCanonicalSelector(LabelSelector labelSelector, string expected)
    {
        Assert.Equal(expected, Selector.FromLabelSelector(labelSelector).ToString());
    }

    [Theory]
    [MemberData(nameof(ValidSelectors))]
    public void FromLabelSelector_Valid_AgreesWithParsedString(LabelSelector labelSelector, string expected)
    {
        var labels = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["x"] = "a", ["app"] = "web", ["z"] = "1" };

        Assert.Equal(Selector.Parse(expected).Matches(labels), Selector.FromLabelSelector(labelSelector).Matches(labels));
    }

    [Theory]
    [MemberData(nameof(InvalidSelectors))]
    public void FromLabelSelector_Invalid_ThrowsKubernetesMessage(LabelSelector labelSelector, string message)
    {
        var ex = Assert.Throws<SelectorFormatException>(() => Selector.FromLabelSelector(labelSelector));

        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("web", "prod", true)]
    [InlineData("web", "dev", false)]
    [InlineData("db", "prod", false)]
    [InlineData(null, "prod", false)]
    public void FromLabelSelector_MatchLabelsAndExpressions_AreAnded(string? app, string env, bool expected)
    {
        var selector = Selector.FromLabelSelector(new LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions = [Expr("env", "In", "prod", "staging"), Expr("canary", "DoesNotExist")],
        });
        var labels = new Dictionary<string, string> { ["env"] = env };
        if (app is not null)
        {
            labels["app"] = app;
        }

        Assert.Equal(expected, selector.Matches(labels));
    }

    private static LabelSelectorRequirement Expr(string key, string op, params string[] values) =>
        new() { Key = key, Operator = op, Values = values.Length == 0 ? null : values };
}

using VirtRigaud.Api.Machinery.Labels;

namespace VirtRigaud.Api.Machinery.Tests.Labels;

public sealed class LabelSelectorExtensionsTests
{
    private static readonly Dictionary<string, string> WebLabels = new() { ["app"] = "web", ["tier"] = "front" };

    [Fact]
    public void Matches_NullSelector_MatchesNothing()
    {
        LabelSelector? selector = null;

        Assert.False(selector.Matches(WebLabels));
        Assert.False(selector.Matches(null));
    }

    [Fact]
    public void Matches_EmptySelector_MatchesEverything()
    {
        Assert.True(new LabelSelector().Matches(WebLabels));
        Assert.True(new LabelSelector().Matches(null));
    }

    [Theory]
    [InlineData("app", "web", true)]
    [InlineData("app", "db", false)]
    [InlineData("missing", "x", false)]
    public void Matches_MatchLabels_ComparesExactly(string key, string value, bool expected)
    {
        var selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { [key] = value } };

        Assert.Equal(expected, selector.Matches(WebLabels));
    }

    [Fact]
    public void Matches_InvalidSelector_Throws()
    {
        var selector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "app", Operator = "Equals" }] };

        var ex = Assert.Throws<SelectorFormatException>(() => selector.Matches(WebLabels));
        Assert.Equal("\"Equals\" is not a valid label selector operator", ex.Message);
    }

    [Fact]
    public void AsSelector_ConvertsLikeFromLabelSelector()
    {
        LabelSelector? none = null;
        var selector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "NotIn", Values = ["back"] }] };

        Assert.Same(Selector.Nothing, none.AsSelector());
        Assert.Equal("tier notin (back)", selector.AsSelector().ToString());
    }

    [Fact]
    public void Format_NullSelector_IsNone()
    {
        LabelSelector? selector = null;

        Assert.Equal("<none>", selector.Format());
    }

    [Fact]
    public void Format_EmptySelector_IsNone()
    {
        Assert.Equal("<none>", new LabelSelector().Format());
    }

    [Fact]
    public void Format_InvalidSelector_IsError()
    {
        var selector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "app", Operator = "In" }] };

        Assert.Equal("<error>", selector.Format());
    }

    [Fact]
    public void Format_ValidSelector_IsCanonicalString()
    {
        var selector = new LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["tier"] = "front" },
            MatchExpressions = [new LabelSelectorRequirement { Key = "app", Operator = "In", Values = ["web", "api"] }],
        };

        Assert.Equal("app in (api,web),tier=front", selector.Format());
    }
}

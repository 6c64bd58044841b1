using VirtRigaud.Api.Machinery.Labels;

namespace VirtRigaud.Api.Machinery.Tests.Labels;

public sealed class SelectorTests
{
    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "x=y", true)]
    [InlineData("x=y", "x=y", true)]
    [InlineData("x=y", "x=y,z=w", true)]
    [InlineData("x=y", "x=z", false)]
    [InlineData("x=y", "", false)]
    [InlineData("x==y", "x=y", true)]
    [InlineData("x==y", "x=Y", false)]
    [InlineData("x=", "x=", true)]
    [InlineData("x=", "", false)]
    [InlineData("x!=y", "", true)]
    [InlineData("x!=y", "x=y", false)]
    [InlineData("x!=y", "x=z", true)]
    [InlineData("x!=", "x=", false)]
    [InlineData("x in (a,b)", "x=a", true)]
    [InlineData("x in (a,b)", "x=b", true)]
    [InlineData("x in (a,b)", "x=c", false)]
    [InlineData("x in (a,b)", "", false)]
    [InlineData("x in ()", "x=", true)]
    [InlineData("x in ()", "x=a", false)]
    [InlineData("x notin (a,b)", "", true)]
    [InlineData("x notin (a,b)", "x=a", false)]
    [InlineData("x notin (a,b)", "x=c", true)]
    [InlineData("x", "x=", true)]
    [InlineData("x", "x=anything", true)]
    [InlineData("x", "y=z", false)]
    [InlineData("!x", "", true)]
    [InlineData("!x", "y=z", true)]
    [InlineData("!x", "x=", false)]
    [InlineData("x>1", "x=2", true)]
    [InlineData("x>1", "x=1", false)]
    [InlineData("x>1", "x=0", false)]
    [InlineData("x>1", "x=a", false)]
    [InlineData("x>1", "x=+2", true)]
    [InlineData("x>1", "x=2.5", false)]
    [InlineData("x>1", "", false)]
    [InlineData("x>1", "x=99999999999999999999", false)]
    [InlineData("x<1", "x=0", true)]
    [InlineData("x<1", "x=-5", true)]
    [InlineData("x<1", "x=1", false)]
    [InlineData("x<10", "x=9", true)]
    [InlineData("x<10", "x=09", true)]
    [InlineData("x=y,z=w", "x=y,z=w", true)]
    [InlineData("x=y,z=w", "x=y", false)]
    [InlineData("x=y,z=w", "z=w", false)]
    [InlineData("x=y,!z", "x=y", true)]
    [InlineData("x=y,!z", "x=y,z=w", false)]
    [InlineData("x=a,x!=a", "x=a", false)]
    public void Matches_LabelSet_FollowsKubernetesSemantics(string selector, string labels, bool expected)
    {
        Assert.Equal(expected, Selector.Parse(selector).Matches(ParseLabels(labels)));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("!x", true)]
    [InlineData("x notin (a)", true)]
    [InlineData("x!=a", true)]
    [InlineData("x", false)]
    [InlineData("x=a", false)]
    [InlineData("x<1", false)]
    public void Matches_NullLabels_TreatsAsEmptySet(string selector, bool expected)
    {
        Assert.Equal(expected, Selector.Parse(selector).Matches(null));
    }

    [Fact]
    public void Everything_MatchesAnything()
    {
        Assert.True(Selector.Everything.IsEmpty);
        Assert.False(Selector.Everything.MatchesNothing);
        Assert.Equal("", Selector.Everything.ToString());
        Assert.True(Selector.Everything.Matches(null));
        Assert.True(Selector.Everything.Matches(ParseLabels("a=b")));
    }

    [Fact]
    public void Nothing_MatchesNoLabelSet()
    {
        Assert.False(Selector.Nothing.IsEmpty);
        Assert.True(Selector.Nothing.MatchesNothing);
        Assert.Equal("", Selector.Nothing.ToString());
        Assert.Empty(Selector.Nothing.Requirements);
        Assert.False(Selector.Nothing.Matches(null));
        Assert.False(Selector.Nothing.Matches(ParseLabels("a=b")));
        Assert.False(Selector.Nothing.RequiresExactMatch("a", out _));
    }

    [Fact]
    public void Add_ToNothing_StaysNothing()
    {
        var result = Selector.Nothing.Add(Requirement.Create("a", SelectionOperator.Exists));

        Assert.Same(Selector.Nothing, result);
    }

    [Fact]
    public void Add_Requirements_ReturnsNewSortedSelectorAndLeavesOriginal()
    {
        var original = Selector.Parse("m=1");

        var result = original.Add(Requirement.Create("z", SelectionOperator.Exists), Requirement.Create("a", SelectionOperator.DoesNotExist));

        Assert.Equal("!a,m=1,z", result.ToString());
        Assert.Equal("m=1", original.ToString());
    }

    [Fact]
    public void Add_ToEverything_IsNoLongerEmpty()
    {
        var result = Selector.Everything.Add(Requirement.Create("a", SelectionOperator.Equal, ["b"]));

        Assert.False(result.IsEmpty);
        Assert.True(Selector.Everything.IsEmpty);
        Assert.Equal("a=b", result.ToString());
    }

    [Theory]
    [InlineData("x=a", "x", "a")]
    [InlineData("x==a", "x", "a")]
    [InlineData("x in (a)", "x", "a")]
    [InlineData("x=", "x", "")]
    [InlineData("y=b,x=a", "x", "a")]
    [InlineData("x=a,x=b", "x", "a")]
    [InlineData("x in (a,b)", "x", null)]
    [InlineData("x!=a", "x", null)]
    [InlineData("x notin (a)", "x", null)]
    [InlineData("x", "x", null)]
    [InlineData("!x", "x", null)]
    [InlineData("x>1", "x", null)]
    [InlineData("y=a", "x", null)]
    [InlineData("", "x", null)]
    [InlineData("x!=a,x=b", "x", null)]
    public void RequiresExactMatch_FirstRequirementOnKey_Decides(string selector, string label, string? expected)
    {
        var found = Selector.Parse(selector).RequiresExactMatch(label, out var value);

        Assert.Equal(expected is not null, found);
        Assert.Equal(expected, value);
    }

    [Fact]
    public void FromSet_Labels_BuildsSortedEqualityRequirements()
    {
        var selector = Selector.FromSet(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });

        Assert.Equal("a=1,b=2", selector.ToString());
        Assert.All(selector.Requirements, r => Assert.Equal(SelectionOperator.Equal, r.Operator));
        Assert.True(selector.Matches(ParseLabels("a=1,b=2,c=3")));
        Assert.False(selector.Matches(ParseLabels("a=1")));
    }

    [Fact]
    public void FromSet_NullOrEmpty_IsEverything()
    {
        Assert.True(Selector.FromSet(null).IsEmpty);
        Assert.True(Selector.FromSet(new Dictionary<string, string>()).IsEmpty);
    }

    [Fact]
    public void FromSet_InvalidLabels_AreNotValidated()
    {
        var selector = Selector.FromSet(new Dictionary<string, string> { ["a b"] = "c d" });

        Assert.Equal("a b=c d", selector.ToString());
        Assert.True(selector.Matches(new Dictionary<string, string> { ["a b"] = "c d" }));
    }

    [Fact]
    public void ValidatedFromSet_ValidLabels_BuildsSelector()
    {
        Assert.Equal("a=1,b=", Selector.ValidatedFromSet(new Dictionary<string, string> { ["b"] = "", ["a"] = "1" }).ToString());
    }

    [Theory]
    [InlineData("a b", "c", "key: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    [InlineData("a", "c d", "values[0][a]: Invalid value: \"c d\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    public void ValidatedFromSet_InvalidLabels_Throws(string key, string value, string message)
    {
        var ex = Assert.Throws<SelectorFormatException>(() => Selector.ValidatedFromSet(new Dictionary<string, string> { [key] = value }));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Requirements_AreSortedByKeyStably()
    {
        var selector = Selector.Parse("b=1,a!=2,b!=3,a=4");

        Assert.Equal(["a", "a", "b", "b"], selector.Requirements.Select(r => r.Key));
        Assert.Equal("a!=2,a=4,b=1,b!=3", selector.ToString());
    }

    private static Dictionary<string, string> ParseLabels(string text)
    {
        var labels = new Dictionary<string, string>();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            labels[pair[..eq]] = pair[(eq + 1)..];
        }

        return labels;
    }
}

using VirtRigaud.Api.Machinery.Fields;
using VirtRigaud.Api.Machinery.Labels;

namespace VirtRigaud.Api.Machinery.Tests.Fields;

public sealed class FieldSelectorTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData(",", "")]
    [InlineData(",,", "")]
    [InlineData("a=b", "a=b")]
    [InlineData("a==b", "a=b")]
    [InlineData("a!=b", "a!=b")]
    [InlineData("b=2,a=1", "a=1,b=2")]
    [InlineData("a=b,a!=c", "a!=c,a=b")]
    [InlineData("a=b,", "a=b")]
    [InlineData(",a=b", "a=b")]
    [InlineData("a=", "a=")]
    [InlineData("a!=", "a!=")]
    [InlineData("=b", "=b")]
    [InlineData("=", "")]
    [InlineData("!=", "")]
    [InlineData("==", "")]
    [InlineData("a=!b", "a=!b")]
    [InlineData("a=b c", "a=b c")]
    [InlineData(" a = b ", " a = b ")]
    [InlineData("a=b\\,c", "a=b\\,c")]
    [InlineData("a=b\\=c", "a=b\\=c")]
    [InlineData("a=b\\\\c", "a=b\\\\c")]
    [InlineData("a==\\=", "a=\\=")]
    [InlineData("metadata.namespace=ns,metadata.name=foo", "metadata.name=foo,metadata.namespace=ns")]
    [InlineData("status.phase!=Succeeded,status.phase!=Failed", "status.phase!=Failed,status.phase!=Succeeded")]
    [InlineData("spec.nodeName=n\\,1", "spec.nodeName=n\\,1")]
    public void Parse_ValidSelector_PrintsSortedTerms(string text, string expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(text).ToString());
    }

    [Theory]
    [InlineData("a", "invalid selector: 'a'; can't understand 'a'")]
    [InlineData(" ", "invalid selector: ' '; can't understand ' '")]
    [InlineData("a,b=c", "invalid selector: 'a,b=c'; can't understand 'a'")]
    [InlineData("b=c,a", "invalid selector: 'b=c,a'; can't understand 'a'")]
    [InlineData("z,a", "invalid selector: 'z,a'; can't understand 'a'")]
    [InlineData("a=b\\,c,d", "invalid selector: 'a=b\\,c,d'; can't understand 'd'")]
    [InlineData("a!b", "invalid selector: 'a!b'; can't understand 'a!b'")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a!==b", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a=b\\", "invalid field selector: invalid escape sequence: \\")]
    [InlineData("a=b\\x", "invalid field selector: invalid escape sequence: \\x")]
    [InlineData("a=\\n", "invalid field selector: invalid escape sequence: \\n")]
    public void Parse_InvalidSelector_ThrowsKubernetesMessage(string text, string message)
    {
        var ex = Assert.Throws<FieldSelectorFormatException>(() => FieldSelector.Parse(text));

        Assert.Equal(message, ex.Message);
        Assert.False(FieldSelector.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Parse_ReturnsRequirementsWithUnescapedValues()
    {
        var selector = FieldSelector.Parse("spec.b!=x\\,y,metadata.name==a\\=b");

        Assert.Equal(
            [
                new FieldRequirement("metadata.name", SelectionOperator.Equal, "a=b"),
                new FieldRequirement("spec.b", SelectionOperator.NotEqual, "x,y"),
            ],
            selector.Requirements);
    }

    [Theory]
    [InlineData("a=b,c!=d")]
    [InlineData("a=x\\,y\\=z\\\\")]
    [InlineData("a=")]
    [InlineData("=v")]
    public void Parse_PrintedForm_RoundTrips(string text)
    {
        var first = FieldSelector.Parse(text);

        Assert.Equal(first.Requirements, FieldSelector.Parse(first.ToString()).Requirements);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("=", true)]
    [InlineData(",", true)]
    [InlineData("a=b", false)]
    [InlineData("a=", false)]
    public void IsEmpty_ParsedSelector_ReflectsTerms(string text, bool expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(text).IsEmpty);
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("a=b", "a=b", true)]
    [InlineData("a==b", "a=b", true)]
    [InlineData("a=b", "a=c", false)]
    [InlineData("a=b", "", false)]
    [InlineData("a=b", "a=B", false)]
    [InlineData("a!=b", "", true)]
    [InlineData("a!=b", "a=b", false)]
    [InlineData("a!=b", "a=c", true)]
    [InlineData("a=", "", true)]
    [InlineData("a=", "a=", true)]
    [InlineData("a!=", "", false)]
    [InlineData("a=b,c=d", "a=b,c=d", true)]
    [InlineData("a=b,c=d", "a=b", false)]
    [InlineData("a=b,c!=d", "a=b,c=e", true)]
    public void Matches_FieldSet_FollowsKubernetesSemantics(string selector, string fields, bool expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(ParseFields(fields)));
    }

    [Fact]
    public void Matches_FieldValueFunction_AbsentReadsAsEmpty()
    {
        var selector = FieldSelector.Parse("metadata.name=web,spec.paused=");
        var asked = new List<string>();

        var matches = selector.Matches(field =>
        {
            asked.Add(field);
            return field == "metadata.name" ? "web" : null;
        });

        Assert.True(matches);
        Assert.Equal(["metadata.name", "spec.paused"], asked);
    }

    [Theory]
    [InlineData("a=x\\,y", "x,y", true)]
    [InlineData("a=x\\=y", "x=y", true)]
    [InlineData("a=x\\\\y", "x\\y", true)]
    [InlineData("a=x\\,y", "x\\,y", false)]
    public void Matches_EscapedValue_ComparesUnescaped(string selector, string actual, bool expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(new Dictionary<string, string> { ["a"] = actual }));
    }

    [Fact]
    public void Matches_NullDictionary_ReadsEveryFieldAsEmpty()
    {
        Assert.True(FieldSelector.Parse("a=,b!=x").Matches((IReadOnlyDictionary<string, string>?)null));
        Assert.False(FieldSelector.Parse("a=x").Matches((IReadOnlyDictionary<string, string>?)null));
    }

    [Theory]
    [InlineData("metadata.name=foo", "metadata.name", "foo")]
    [InlineData("metadata.name==foo", "metadata.name", "foo")]
    [InlineData("a=b,metadata.name=c", "metadata.name", "c")]
    [InlineData("metadata.name=", "metadata.name", "")]
    [InlineData("metadata.name!=foo", "metadata.name", null)]
    [InlineData("metadata.namespace=foo", "metadata.name", null)]
    [InlineData("", "metadata.name", null)]
    [InlineData("metadata.name!=a,metadata.name=b", "metadata.name", "b")]
    public void RequiresExactMatch_Field_ReturnsValueOfFirstEqualityTerm(string selector, string field, string? expected)
    {
        var found = FieldSelector.Parse(selector).RequiresExactMatch(field, out var value);

        Assert.Equal(expected is not null, found);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("a", "a")]
    [InlineData("a,b", "a\\,b")]
    [InlineData("a=b", "a\\=b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("\\,=", "\\\\\\,\\=")]
    [InlineData("==", "\\=\\=")]
    [InlineData("ünïcødé", "ünïcødé")]
    public void EscapeValue_SpecialCharacters_AreEscapedAndUnescapeReverses(string raw, string escaped)
    {
        Assert.Equal(escaped, FieldSelector.EscapeValue(raw));
        Assert.Equal(raw, FieldSelector.UnescapeValue(escaped));
    }

    [Theory]
    [InlineData("a,b", "invalid field selector: unescaped character in value: 44")]
    [InlineData("a=b", "invalid field selector: unescaped character in value: 61")]
    [InlineData("\\a", "invalid field selector: invalid escape sequence: \\a")]
    [InlineData("a\\", "invalid field selector: invalid escape sequence: \\")]
    [InlineData("\\\\\\", "invalid field selector: invalid escape sequence: \\")]
    [InlineData("\\😀", "invalid field selector: invalid escape sequence: \\😀")]
    public void UnescapeValue_BadEscape_ThrowsKubernetesMessage(string value, string message)
    {
        var ex = Assert.Throws<FieldSelectorFormatException>(() => FieldSelector.UnescapeValue(value));

        Assert.Equal(message, ex.Message);
        Assert.False(FieldSelector.TryUnescapeValue(value, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void FromSet_Fields_AreSortedEqualityTerms()
    {
        var selector = FieldSelector.FromSet(new Dictionary<string, string> { ["metadata.namespace"] = "a,b", ["metadata.name"] = "x" });

        Assert.Equal("metadata.name=x,metadata.namespace=a\\,b", selector.ToString());
        Assert.True(FieldSelector.FromSet(null).IsEmpty);
    }

    [Fact]
    public void OneTermSelectors_EscapeTheirValue()
    {
        Assert.Equal("metadata.name=a\\=b", FieldSelector.OneTermEqual("metadata.name", "a=b").ToString());
        Assert.Equal("status.phase!=Done", FieldSelector.OneTermNotEqual("status.phase", "Done").ToString());
    }

    [Fact]
    public void And_Selectors_ConcatenatesTermsInOrder()
    {
        var selector = FieldSelector.And(FieldSelector.OneTermEqual("z", "1"), FieldSelector.Everything, FieldSelector.OneTermNotEqual("a", "2"));

        Assert.Equal("z=1,a!=2", selector.ToString());
        Assert.Equal(2, selector.Requirements.Count);
    }

    [Fact]
    public void Transform_RenamesFieldsAndDropsEmptiedTerms()
    {
        var selector = FieldSelector.Parse("spec.host=h1,legacy=x,drop=me");

        var transformed = selector.Transform((field, value) => field switch
        {
            "legacy" => ("spec.modern", value),
            "drop" => ("", ""),
            _ => (field, value),
        });

        Assert.Equal("spec.modern=x,spec.host=h1", transformed.ToString());
        Assert.Equal("drop=me,legacy=x,spec.host=h1", selector.ToString());
    }

    [Fact]
    public void Everything_IsEmptyAndMatchesAll()
    {
        Assert.True(FieldSelector.Everything.IsEmpty);
        Assert.Equal("", FieldSelector.Everything.ToString());
        Assert.True(FieldSelector.Everything.Matches(_ => "anything"));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(FieldSelector.TryParse(null, out var selector));
        Assert.Null(selector);
    }

    [Fact]
    public void FieldSelectorFormatException_IsFormatException()
    {
        Assert.ThrowsAny<FormatException>(() => FieldSelector.Parse("nope"));
    }

    private static Dictionary<string, string> ParseFields(string text)
    {
        var fields = new Dictionary<string, string>();
        foreach (var term in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = term.IndexOf('=', StringComparison.Ordinal);
            fields[term[..eq]] = term[(eq + 1)..];
        }

        return fields;
    }
}

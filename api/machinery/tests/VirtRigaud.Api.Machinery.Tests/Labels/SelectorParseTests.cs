using VirtRigaud.Api.Machinery.Labels;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Labels;

public sealed class SelectorParseTests
{
    private const string LabelValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string NamePartRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    [Theory]
    [InlineData("", "")]
    [InlineData("x=a", "x=a")]
    [InlineData("x==a", "x==a")]
    [InlineData("x!=a", "x!=a")]
    [InlineData("x=a,y=b,z=c", "x=a,y=b,z=c")]
    [InlineData("z=c,y=b,x=a", "x=a,y=b,z=c")]
    [InlineData("x!=a,y=b", "x!=a,y=b")]
    [InlineData("x=,z= ", "x=,z=")]
    [InlineData("x= ,z= ", "x=,z=")]
    [InlineData("  x  =  a  ", "x=a")]
    [InlineData("x\t=\ta", "x=a")]
    [InlineData("x\r\n=\na", "x=a")]
    [InlineData("x", "x")]
    [InlineData("!x", "!x")]
    [InlineData("! x", "!x")]
    [InlineData("b,!a", "!a,b")]
    [InlineData("x>1", "x>1")]
    [InlineData("x<1", "x<1")]
    [InlineData("x>1,z<5", "x>1,z<5")]
    [InlineData("x>01", "x>01")]
    [InlineData("x in (a,b)", "x in (a,b)")]
    [InlineData("x in (b,a)", "x in (a,b)")]
    [InlineData("x in (b,a,b)", "x in (a,b)")]
    [InlineData("x in ( a , b )", "x in (a,b)")]
    [InlineData("x in(a)", "x in (a)")]
    [InlineData("x notin (a)", "x notin (a)")]
    [InlineData("x notin(b,a)", "x notin (a,b)")]
    [InlineData("x in ()", "x in ()")]
    [InlineData("x in (,)", "x in ()")]
    [InlineData("x in (,a)", "x in (,a)")]
    [InlineData("x in (a,)", "x in (,a)")]
    [InlineData("x in (a,,b)", "x in (,a,b)")]
    [InlineData("x in (in)", "x in (in)")]
    [InlineData("in in (notin)", "in in (notin)")]
    [InlineData("notin notin (in,notin)", "notin notin (in,notin)")]
    [InlineData("x=in", "x=in")]
    [InlineData("in", "in")]
    [InlineData("!in", "!in")]
    [InlineData("x=a,x!=b", "x=a,x!=b")]
    [InlineData("x!=b,x=a", "x!=b,x=a")]
    [InlineData("example.com/key=value", "example.com/key=value")]
    [InlineData("app.kubernetes.io/name in (web,db),tier!=cache,!canary", "app.kubernetes.io/name in (db,web),!canary,tier!=cache")]
    [InlineData("x=A_b.c-9", "x=A_b.c-9")]
    public void Parse_ValidSelector_PrintsCanonicalForm(string text, string expected)
    {
        Assert.Equal(expected, Selector.Parse(text).ToString());
    }

    [Theory]
    [InlineData("x=a,y=b,z=c")]
    [InlineData("x in (c,a,b),!y,z notin (d)")]
    [InlineData("x>5,y<3,k")]
    [InlineData("x in (,a)")]
    [InlineData("x in ()")]
    [InlineData("a.b/c==d,a.b/c!=e")]
    public void Parse_CanonicalForm_RoundTripsToEqualRequirements(string text)
    {
        var first = Selector.Parse(text);
        var second = Selector.Parse(first.ToString());

        Assert.Equal(first.Requirements, second.Requirements);
        Assert.Equal(first.ToString(), second.ToString());
    }

    [Theory]
    [InlineData("x=a,y=b,", "found '', expected: identifier after ','")]
    [InlineData("x,,y", "found ',', expected: identifier after ','")]
    [InlineData("x=a,=b", "found '=', expected: identifier after ','")]
    [InlineData(",x", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("=a", "found '=', expected: !, identifier, or 'end of string'")]
    [InlineData("(x)", "found '(', expected: !, identifier, or 'end of string'")]
    [InlineData("x=a b", "found 'b', expected: ',' or 'end of string'")]
    [InlineData("x=a)", "found ')', expected: ',' or 'end of string'")]
    [InlineData("!x=a", "found '=', expected: ',' or 'end of string'")]
    [InlineData("x in (a) b", "found 'b', expected: ',' or 'end of string'")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("!!x", "unable to parse requirement: found '!', expected: identifier")]
    [InlineData("!=a", "found '!=', expected: !, identifier, or 'end of string'")]
    [InlineData("x>+1", "unable to parse requirement: values[0][x]: Invalid value: \"+1\": " + LabelValueRule)]
    [InlineData("x (a)", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("x!", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("x y", "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("x=(a)", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("x=>1", "unable to parse requirement: found '>', expected: identifier")]
    [InlineData("x in a)", "unable to parse requirement: found 'a' expected: '('")]
    [InlineData("x in", "unable to parse requirement: found '' expected: '('")]
    [InlineData("x in (a", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'")]
    [InlineData("x in ((a)", "unable to parse requirement: found '(', expected: ',', ')' or identifier")]
    [InlineData("x in (", "unable to parse requirement: found '', expected: ',', ')' or identifier")]
    [InlineData("x in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier")]
    [InlineData("x>a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x<1.5", "unable to parse requirement: values[0]: Invalid value: \"1.5\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x>99999999999999999999", "unable to parse requirement: values[0]: Invalid value: \"99999999999999999999\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x>", "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x=a||y=b", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + LabelValueRule)]
    [InlineData("x in (a,-b)", "unable to parse requirement: values[0][x]: Invalid value: \"-b\": " + LabelValueRule)]
    [InlineData("x notin (b,a.)", "unable to parse requirement: values[0][x]: Invalid value: \"a.\": " + LabelValueRule)]
    [InlineData("a@b=c", "unable to parse requirement: <nil>: Invalid value: \"a@b\": " + NamePartRule)]
    [InlineData("!-x", "unable to parse requirement: <nil>: Invalid value: \"-x\": " + NamePartRule)]
    [InlineData("x/=a", "unable to parse requirement: <nil>: Invalid value: \"x/\": name part must be non-empty; " + NamePartRule)]
    [InlineData("a/b/c=d", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    public void Parse_InvalidSelector_ThrowsKubernetesMessage(string text, string message)
    {
        var ex = Assert.Throws<SelectorFormatException>(() => Selector.Parse(text));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Parse_LongKey_ReportsLengthAndNothingElse()
    {
        var key = new string('k', 64);

        var ex = Assert.Throws<SelectorFormatException>(() => Selector.Parse(key + "=v"));

        Assert.Equal($"unable to parse requirement: <nil>: Invalid value: \"{key}\": name part must be no more than 63 characters", ex.Message);
    }

    [Fact]
    public void Parse_LongValue_ReportsLength()
    {
        var value = new string('v', 64);

        var ex = Assert.Throws<SelectorFormatException>(() => Selector.Parse("k=" + value));

        Assert.Equal($"unable to parse requirement: values[0][k]: Invalid value: \"{value}\": must be no more than 63 characters", ex.Message);
    }

    [Fact]
    public void Parse_InvalidValue_ExposesFieldErrors()
    {
        var ex = Assert.Throws<SelectorFormatException>(() => Selector.Parse("x=a b,c"));
        Assert.Null(ex.Errors);

        ex = Assert.Throws<SelectorFormatException>(() => Selector.Parse("x in (-a)"));
        var error = Assert.Single(ex.Errors!);
        Assert.Equal(FieldErrorType.Invalid, error.Type);
        Assert.Equal("values[0][x]", error.Field);
        Assert.Equal("-a", error.BadValue);
    }

    [Fact]
    public void Parse_InvalidKey_ExposesFieldErrorWithNilPath()
    {
        var ex = Assert.Throws<SelectorFormatException>(() => Selector.Parse("a@b"));

        var error = Assert.Single(ex.Errors!);
        Assert.Equal("<nil>", error.Field);
        Assert.Equal("a@b", error.BadValue);
    }

    [Theory]
    [InlineData("a@b", "unable to parse requirement: spec.selector: Invalid value: \"a@b\": " + NamePartRule)]
    [InlineData("x=-a", "unable to parse requirement: spec.selector.values[0][x]: Invalid value: \"-a\": " + LabelValueRule)]
    [InlineData("x<a", "unable to parse requirement: spec.selector.values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer")]
    public void Parse_WithPath_PrefixesErrorPaths(string text, string message)
    {
        var ex = Assert.Throws<SelectorFormatException>(() => Selector.Parse(text, FieldPath.NewPath("spec", "selector")));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Parse_SetValues_AreSortedAndDeduplicated()
    {
        var requirement = Assert.Single(Selector.Parse("x in (c,a,b,a)").Requirements);

        Assert.Equal("x", requirement.Key);
        Assert.Equal(SelectionOperator.In, requirement.Operator);
        Assert.Equal(["a", "b", "c"], requirement.Values);
    }

    [Theory]
    [InlineData("x=a", SelectionOperator.Equal)]
    [InlineData("x==a", SelectionOperator.DoubleEqual)]
    [InlineData("x!=a", SelectionOperator.NotEqual)]
    [InlineData("x in (a)", SelectionOperator.In)]
    [InlineData("x notin (a)", SelectionOperator.NotIn)]
    [InlineData("x", SelectionOperator.Exists)]
    [InlineData("!x", SelectionOperator.DoesNotExist)]
    [InlineData("x>1", SelectionOperator.GreaterThan)]
    [InlineData("x<1", SelectionOperator.LessThan)]
    public void Parse_Operator_IsRecognised(string text, SelectionOperator expected)
    {
        Assert.Equal(expected, Assert.Single(Selector.Parse(text).Requirements).Operator);
    }

    [Theory]
    [InlineData("x=")]
    [InlineData("x=,y")]
    [InlineData("x!=")]
    public void Parse_MissingExactValue_IsEmptyString(string text)
    {
        Assert.Equal([""], Selector.Parse(text).Requirements[0].Values);
    }

    [Fact]
    public void Parse_EmptyString_IsEverything()
    {
        var selector = Selector.Parse("");

        Assert.True(selector.IsEmpty);
        Assert.Empty(selector.Requirements);
        Assert.True(selector.Matches(new Dictionary<string, string> { ["a"] = "b" }));
    }

    [Theory]
    [InlineData("\0x=y", "")]
    [InlineData("x=a\0,y", "x=a,y")]
    public void Parse_NulCharacter_EndsTokensAsKubernetesLexerDoes(string text, string expected)
    {
        Assert.Equal(expected, Selector.Parse(text).ToString());
    }

    [Theory]
    [InlineData("x=a", true, "x=a", null)]
    [InlineData("", true, "", null)]
    [InlineData("x=a,", false, null, "found '', expected: identifier after ','")]
    [InlineData("!", false, null, "unable to parse requirement: found '', expected: identifier")]
    public void TryParse_Text_ReturnsSelectorOrMessage(string text, bool ok, string? printed, string? error)
    {
        var result = Selector.TryParse(text, out var selector, out var message);

        Assert.Equal(ok, result);
        Assert.Equal(printed, selector?.ToString());
        Assert.Equal(error, message);
        Assert.Equal(ok, Selector.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(Selector.TryParse(null, out var selector));
        Assert.Null(selector);
    }

    [Fact]
    public void SelectorFormatException_IsFormatException()
    {
        Assert.ThrowsAny<FormatException>(() => Selector.Parse("x in"));
    }
}

using VirtRigaud.Api.Machinery.Patch;

namespace VirtRigaud.Api.Machinery.Tests.Patch;

public sealed class JsonPointerTests
{
    // The example document of RFC 6901 §5.
    private const string Rfc6901Document = """
        {
          "foo": ["bar", "baz"],
          "": 0,
          "a/b": 1,
          "c%d": 2,
          "e^f": 3,
          "g|h": 4,
          "i\\j": 5,
          "k\"l": 6,
          " ": 7,
          "m~n": 8
        }
        """;

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("/", new[] { "" })]
    [InlineData("//", new[] { "", "" })]
    [InlineData("/foo", new[] { "foo" })]
    [InlineData("/foo/", new[] { "foo", "" })]
    [InlineData("/foo/0", new[] { "foo", "0" })]
    [InlineData("/a~1b", new[] { "a/b" })]
    [InlineData("/m~0n", new[] { "m~n" })]
    [InlineData("/~01", new[] { "~1" })]
    [InlineData("/~10", new[] { "/0" })]
    [InlineData("/~0~1~0", new[] { "~/~" })]
    [InlineData("/ ", new[] { " " })]
    [InlineData("/c%d/e^f/g|h", new[] { "c%d", "e^f", "g|h" })]
    [InlineData("/metadata/labels/app.kubernetes.io~1name", new[] { "metadata", "labels", "app.kubernetes.io/name" })]
    public void Parse_ValidPointer_YieldsUnescapedTokens(string text, string[] tokens)
    {
        var pointer = JsonPointer.Parse(text);

        Assert.Equal(tokens, pointer.Tokens);
        Assert.Equal(tokens.Length == 0, pointer.IsRoot);
        Assert.Equal(text, pointer.ToString());
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("a/b")]
    [InlineData("#/foo")]
    [InlineData(" /foo")]
    [InlineData("~1")]
    [InlineData("/~")]
    [InlineData("/foo~")]
    [InlineData("/~2")]
    [InlineData("/~a")]
    [InlineData("/a/~/b")]
    public void Parse_InvalidPointer_ThrowsFormatException(string text)
    {
        var ex = Assert.Throws<FormatException>(() => JsonPointer.Parse(text));

        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
        Assert.False(JsonPointer.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(JsonPointer.TryParse(null, out var pointer));
        Assert.Null(pointer);
    }

    [Fact]
    public void TryParse_Valid_ReturnsPointer()
    {
        Assert.True(JsonPointer.TryParse("/a~1b/0", out var pointer));
        Assert.Equal(["a/b", "0"], pointer.Tokens);
    }

    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "" }, "/")]
    [InlineData(new[] { "a/b", "m~n" }, "/a~1b/m~0n")]
    [InlineData(new[] { "~1" }, "/~01")]
    [InlineData(new[] { "spec", "disks", "0" }, "/spec/disks/0")]
    public void FromTokens_Tokens_EscapesEachToken(string[] tokens, string expected)
    {
        var pointer = JsonPointer.FromTokens(tokens);

        Assert.Equal(expected, pointer.ToString());
        Assert.Equal(tokens, pointer.Tokens);
        Assert.Equal(pointer, JsonPointer.Parse(expected));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a/b", "a~1b")]
    [InlineData("m~n", "m~0n")]
    [InlineData("~/", "~0~1")]
    [InlineData("/~", "~1~0")]
    [InlineData("~1", "~01")]
    public void EscapeToken_Token_EscapesTildeThenSlash(string token, string escaped)
    {
        Assert.Equal(escaped, JsonPointer.EscapeToken(token));
        Assert.Equal(token, JsonPointer.UnescapeToken(escaped));
    }

    [Theory]
    [InlineData("~")]
    [InlineData("a~")]
    [InlineData("~2")]
    [InlineData("~~")]
    public void UnescapeToken_BadTilde_ThrowsFormatException(string escaped) =>
        Assert.Throws<FormatException>(() => JsonPointer.UnescapeToken(escaped));

    [Theory]
    [InlineData("/foo", """["bar","baz"]""")]
    [InlineData("/foo/0", "\"bar\"")]
    [InlineData("/foo/1", "\"baz\"")]
    [InlineData("/", "0")]
    [InlineData("/a~1b", "1")]
    [InlineData("/c%d", "2")]
    [InlineData("/e^f", "3")]
    [InlineData("/g|h", "4")]
    [InlineData("/i\\j", "5")]
    [InlineData("/k\"l", "6")]
    [InlineData("/ ", "7")]
    [InlineData("/m~0n", "8")]
    public void Evaluate_Rfc6901Examples_FindsValue(string pointer, string expected)
    {
        var document = JsonAssert.Parse(Rfc6901Document);

        JsonAssert.Equal(expected, JsonPointer.Parse(pointer).Evaluate(document));
    }

    [Fact]
    public void Evaluate_Root_ReturnsWholeDocument()
    {
        var document = JsonAssert.Parse(Rfc6901Document);

        Assert.Same(document, JsonPointer.Root.Evaluate(document));
        Assert.Same(document, JsonPointer.Parse("").Evaluate(document));
    }

    [Theory]
    [InlineData("/0", "\"zero\"")]
    [InlineData("/01", "\"leading zero\"")]
    [InlineData("/-", "\"dash\"")]
    [InlineData("/1e0", "\"exponent\"")]
    public void Evaluate_NumericLookingObjectMember_IsAMemberName(string pointer, string expected)
    {
        var document = JsonAssert.Parse("""{"0":"zero","01":"leading zero","-":"dash","1e0":"exponent"}""");

        JsonAssert.Equal(expected, JsonPointer.Parse(pointer).Evaluate(document));
    }

    [Theory]
    [InlineData("/bar")]
    [InlineData("/Foo")]
    [InlineData("/foo/2")]
    [InlineData("/foo/-")]
    [InlineData("/foo/01")]
    [InlineData("/foo/00")]
    [InlineData("/foo/1e0")]
    [InlineData("/foo/-1")]
    [InlineData("/foo/+1")]
    [InlineData("/foo/ 1")]
    [InlineData("/foo/")]
    [InlineData("/foo/99999999999999999999")]
    [InlineData("/foo/0/x")]
    [InlineData("/a~1b/x")]
    [InlineData("/nothing/deeper")]
    [InlineData("/a/b")]
    public void TryEvaluate_MissingValue_ReturnsFalse(string pointer)
    {
        var document = JsonAssert.Parse(Rfc6901Document);

        Assert.False(JsonPointer.Parse(pointer).TryEvaluate(document, out var value));
        Assert.Null(value);
        Assert.Throws<KeyNotFoundException>(() => JsonPointer.Parse(pointer).Evaluate(document));
    }

    [Fact]
    public void TryEvaluate_ExplicitNull_ReturnsTrueWithNull()
    {
        var document = JsonAssert.Parse("""{"a":null,"b":[null]}""");

        Assert.True(JsonPointer.Parse("/a").TryEvaluate(document, out var a));
        Assert.Null(a);
        Assert.True(JsonPointer.Parse("/b/0").TryEvaluate(document, out var b));
        Assert.Null(b);
    }

    [Fact]
    public void TryEvaluate_NullDocument_OnlyRootExists()
    {
        Assert.True(JsonPointer.Root.TryEvaluate(null, out var root));
        Assert.Null(root);
        Assert.False(JsonPointer.Parse("/a").TryEvaluate(null, out _));
    }

    [Fact]
    public void Evaluate_Missing_MessageNamesFailingPrefixAndReason()
    {
        var document = JsonAssert.Parse("""{"spec":{"disks":[{"name":"root"}]}}""");

        var ex = Assert.Throws<KeyNotFoundException>(() => JsonPointer.Parse("/spec/disks/3/name").Evaluate(document));

        Assert.Equal("/spec/disks/3 does not exist: index 3 is out of range for an array of length 1", ex.Message);
    }

    [Theory]
    [InlineData("0", true, 0)]
    [InlineData("1", true, 1)]
    [InlineData("10", true, 10)]
    [InlineData("2147483647", true, int.MaxValue)]
    [InlineData("2147483648", false, 0)]
    [InlineData("99999999999999999999", false, 0)]
    [InlineData("00", false, 0)]
    [InlineData("01", false, 0)]
    [InlineData("-", false, 0)]
    [InlineData("-1", false, 0)]
    [InlineData("+1", false, 0)]
    [InlineData("1e0", false, 0)]
    [InlineData("1.0", false, 0)]
    [InlineData(" 1", false, 0)]
    [InlineData("1 ", false, 0)]
    [InlineData("", false, 0)]
    [InlineData("\u0661", false, 0)]
    [InlineData("0x1", false, 0)]
    public void TryParseArrayIndex_Token_FollowsRfc6901Grammar(string token, bool valid, int expected)
    {
        Assert.Equal(valid, JsonPointer.TryParseArrayIndex(token, out var index));
        Assert.Equal(expected, index);
    }

    [Theory]
    [InlineData("", "/a", true)]
    [InlineData("", "", false)]
    [InlineData("/a", "/a/b", true)]
    [InlineData("/a", "/a/b/c", true)]
    [InlineData("/a/b", "/a/b/c", true)]
    [InlineData("/a", "/a", false)]
    [InlineData("/a", "/ab", false)]
    [InlineData("/a/b", "/a", false)]
    [InlineData("/a~1b", "/a/b/c", false)]
    [InlineData("/a/", "/a/b", false)]
    [InlineData("/a", "/", false)]
    public void IsProperPrefixOf_Pair_ComparesWholeTokens(string prefix, string other, bool expected) =>
        Assert.Equal(expected, JsonPointer.Parse(prefix).IsProperPrefixOf(JsonPointer.Parse(other)));

    [Fact]
    public void Append_TokenAndIndex_EscapesAndFormats()
    {
        var pointer = JsonPointer.Root.Append("a/b").Append(0).Append("m~n");

        Assert.Equal("/a~1b/0/m~0n", pointer.ToString());
        Assert.Equal(["a/b", "0", "m~n"], pointer.Tokens);
    }

    [Fact]
    public void Append_NegativeIndex_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonPointer.Root.Append(-1));

    [Theory]
    [InlineData("/a/b~1c", "/a", "b/c")]
    [InlineData("/a", "", "a")]
    [InlineData("/", "", "")]
    public void ParentAndLastToken_Pointer_SplitsOffLastToken(string text, string parent, string last)
    {
        var pointer = JsonPointer.Parse(text);

        Assert.Equal(parent, pointer.Parent!.ToString());
        Assert.Equal(last, pointer.LastToken);
    }

    [Fact]
    public void ParentAndLastToken_Root_AreNull()
    {
        Assert.Null(JsonPointer.Root.Parent);
        Assert.Null(JsonPointer.Root.LastToken);
    }

    [Theory]
    [InlineData("/a~1b", "/a~1b", true)]
    [InlineData("/a~1b", "/a/b", false)]
    [InlineData("", "", true)]
    [InlineData("", "/", false)]
    [InlineData("/A", "/a", false)]
    public void Equals_Pointers_ComparesTokensOrdinally(string left, string right, bool expected)
    {
        var l = JsonPointer.Parse(left);
        var r = JsonPointer.Parse(right);

        Assert.Equal(expected, l.Equals(r));
        Assert.Equal(expected, l.Equals((object)r));
        if (expected)
        {
            Assert.Equal(l.GetHashCode(), r.GetHashCode());
        }
    }
}

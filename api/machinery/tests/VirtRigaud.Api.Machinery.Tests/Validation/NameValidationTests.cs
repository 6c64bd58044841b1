using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Validation;

public sealed class NameValidationTests
{
    private const string Dns1123LabelRule =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string Dns1123SubdomainRule =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string Dns1035LabelRule =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private const string NamePartRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string LabelValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private static readonly string Chars63 = new('a', 63);
    private static readonly string Chars64 = new('a', 64);

    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("a1")]
    [InlineData("a-1")]
    [InlineData("a--1--2--b")]
    [InlineData("0")]
    [InlineData("01")]
    [InlineData("0-1")]
    [InlineData("1-a")]
    [InlineData("123")]
    public void IsDns1123Label_Valid_NoErrors(string value)
    {
        Assert.Empty(NameValidation.IsDns1123Label(value));
    }

    [Fact]
    public void IsDns1123Label_MaxLength_NoErrors()
    {
        Assert.Empty(NameValidation.IsDns1123Label(Chars63));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("ABC")]
    [InlineData("aBc")]
    [InlineData("A1")]
    [InlineData("a-1-B")]
    [InlineData("1-A")]
    [InlineData("-")]
    [InlineData("a-")]
    [InlineData("-a")]
    [InlineData("1-")]
    [InlineData("-1")]
    [InlineData("_")]
    [InlineData("a_")]
    [InlineData("_a")]
    [InlineData("a_b")]
    [InlineData(".")]
    [InlineData("a.")]
    [InlineData(".a")]
    [InlineData("a..b")]
    [InlineData(" ")]
    [InlineData("a ")]
    [InlineData(" a")]
    [InlineData("a b")]
    [InlineData("a\n")]
    [InlineData("é")]
    public void IsDns1123Label_Invalid_ReportsPattern(string value)
    {
        Assert.Equal([Dns1123LabelRule], NameValidation.IsDns1123Label(value));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("1.2")]
    [InlineData("my.name.example")]
    public void IsDns1123Label_ValidSubdomain_ReportsDots(string value)
    {
        Assert.Equal(["must not contain dots"], NameValidation.IsDns1123Label(value));
    }

    [Fact]
    public void IsDns1123Label_TooLong_ReportsLengthOnly()
    {
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsDns1123Label(Chars64));
    }

    [Fact]
    public void IsDns1123Label_TooLongAndInvalid_ReportsBoth()
    {
        Assert.Equal(["must be no more than 63 characters", Dns1123LabelRule], NameValidation.IsDns1123Label(Chars64 + "-"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("a.b")]
    [InlineData("a-1.b-2")]
    [InlineData("0.a")]
    [InlineData("a.b.c.d.e")]
    [InlineData("example.com")]
    [InlineData("11.22.33.44")]
    [InlineData("a--b.c--d")]
    public void IsDns1123Subdomain_Valid_NoErrors(string value)
    {
        Assert.Empty(NameValidation.IsDns1123Subdomain(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("Example.com")]
    [InlineData("a..b")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("a.-b")]
    [InlineData("a-.b")]
    [InlineData("a_b")]
    [InlineData("a@b")]
    [InlineData("a b")]
    [InlineData("a.b\n")]
    public void IsDns1123Subdomain_Invalid_ReportsPattern(string value)
    {
        Assert.Equal([Dns1123SubdomainRule], NameValidation.IsDns1123Subdomain(value));
    }

    [Fact]
    public void IsDns1123Subdomain_Lengths_AreBoundedAt253()
    {
        var max = string.Join(".", Enumerable.Repeat(Chars63, 3)) + "." + new string('b', 61);
        Assert.Equal(253, max.Length);

        Assert.Empty(NameValidation.IsDns1123Subdomain(max));
        Assert.Equal(["must be no more than 253 characters"], NameValidation.IsDns1123Subdomain(max + "c"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("a-1")]
    [InlineData("a--1--2--b")]
    [InlineData("abc-123")]
    public void IsDns1035Label_Valid_NoErrors(string value)
    {
        Assert.Empty(NameValidation.IsDns1035Label(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("01")]
    [InlineData("0-1")]
    [InlineData("1-a")]
    [InlineData("A")]
    [InlineData("a.b")]
    [InlineData("a-")]
    [InlineData("-a")]
    [InlineData("a_b")]
    public void IsDns1035Label_Invalid_ReportsPattern(string value)
    {
        Assert.Equal([Dns1035LabelRule], NameValidation.IsDns1035Label(value));
    }

    [Fact]
    public void IsDns1035Label_TooLong_ReportsLength()
    {
        Assert.Empty(NameValidation.IsDns1035Label(Chars63));
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsDns1035Label(Chars64));
    }

    [Theory]
    [InlineData("simple")]
    [InlineData("now-with-dashes")]
    [InlineData("1-starts-with-num")]
    [InlineData("1234")]
    [InlineData("simple/simple")]
    [InlineData("now-with-dashes/simple")]
    [InlineData("now-with-dashes/now-with-dashes")]
    [InlineData("now.with.dots/simple")]
    [InlineData("now-with.dashes-and.dots/simple")]
    [InlineData("1-num.2-num/3-num")]
    [InlineData("1234/5678")]
    [InlineData("1.2.3.4/5678")]
    [InlineData("Uppercase_Is_OK_123")]
    [InlineData("example.com/Uppercase_Is_OK_123")]
    [InlineData("requests.storage-foo")]
    [InlineData("a")]
    [InlineData("a.b_c-d")]
    public void IsQualifiedName_Valid_NoErrors(string value)
    {
        Assert.Empty(NameValidation.IsQualifiedName(value));
    }

    [Fact]
    public void IsQualifiedName_LongestPrefixAndName_NoErrors()
    {
        var prefix = string.Join(".", Enumerable.Repeat(Chars63, 3)) + "." + new string('b', 61);

        Assert.Empty(NameValidation.IsQualifiedName(Chars63));
        Assert.Empty(NameValidation.IsQualifiedName(prefix + "/" + Chars63));
    }

    [Theory]
    [InlineData("nospecialchars%^=@")]
    [InlineData("cantendwithadash-")]
    [InlineData("-cantstartwithadash")]
    [InlineData("_underscore")]
    [InlineData("dot.")]
    [InlineData("a b")]
    [InlineData("example.com/-x")]
    [InlineData("ünïcødé")]
    [InlineData("a\n")]
    public void IsQualifiedName_BadName_ReportsNamePart(string value)
    {
        Assert.Equal([NamePartRule], NameValidation.IsQualifiedName(value));
    }

    [Theory]
    [InlineData("", new[] { "name part must be non-empty", NamePartRule })]
    [InlineData("example.com/", new[] { "name part must be non-empty", NamePartRule })]
    [InlineData("/simple", new[] { "prefix part must be non-empty" })]
    [InlineData("/", new[] { "prefix part must be non-empty", "name part must be non-empty", NamePartRule })]
    [InlineData("Example.com/abc", new[] { "prefix part " + Dns1123SubdomainRule })]
    [InlineData("example_com/abc", new[] { "prefix part " + Dns1123SubdomainRule })]
    [InlineData("-x/-y", new[] { "prefix part " + Dns1123SubdomainRule, NamePartRule })]
    [InlineData(
        "only/one/slash",
        new[] { "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')" })]
    public void IsQualifiedName_Invalid_ReportsKubernetesMessages(string value, string[] expected)
    {
        Assert.Equal(expected, NameValidation.IsQualifiedName(value));
    }

    [Fact]
    public void IsQualifiedName_TooLongParts_ReportLengths()
    {
        var longPrefix = string.Join(".", Enumerable.Repeat(Chars63, 4));

        Assert.Equal(["name part must be no more than 63 characters"], NameValidation.IsQualifiedName(Chars64));
        Assert.Equal(["prefix part must be no more than 253 characters"], NameValidation.IsQualifiedName(longPrefix + "/a"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("simple")]
    [InlineData("now-with-dashes")]
    [InlineData("1-starts-with-num")]
    [InlineData("end-with-num-1")]
    [InlineData("1234")]
    [InlineData("Uppercase_Is_OK_123")]
    [InlineData("a.b")]
    [InlineData("a")]
    [InlineData("9")]
    public void IsValidLabelValue_Valid_NoErrors(string value)
    {
        Assert.Empty(NameValidation.IsValidLabelValue(value));
    }

    [Theory]
    [InlineData("nospecialchars%^=@")]
    [InlineData("Tama-nui-te-rā.is.Māori.sun")]
    [InlineData("\\backslashes\\are\\bad")]
    [InlineData("-starts-with-dash")]
    [InlineData("ends-with-dash-")]
    [InlineData(".starts.with.dot")]
    [InlineData("ends.with.dot.")]
    [InlineData("_x")]
    [InlineData(" ")]
    [InlineData("a/b")]
    [InlineData("a\n")]
    public void IsValidLabelValue_Invalid_ReportsPattern(string value)
    {
        Assert.Equal([LabelValueRule], NameValidation.IsValidLabelValue(value));
    }

    [Fact]
    public void IsValidLabelValue_Length_IsCountedInUtf8Bytes()
    {
        Assert.Empty(NameValidation.IsValidLabelValue(Chars63));
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsValidLabelValue(Chars64));

        // 32 two-byte characters: 64 bytes although only 32 chars.
        Assert.Equal(["must be no more than 63 characters", LabelValueRule], NameValidation.IsValidLabelValue(new string('ā', 32)));
        Assert.Equal([LabelValueRule], NameValidation.IsValidLabelValue(new string('ā', 31)));
    }

    [Theory]
    [InlineData("a", new string[0])]
    [InlineData("a.b", new string[0])]
    [InlineData("...", new string[0])]
    [InlineData("%", new[] { "may not contain '%'" })]
    [InlineData(".", new[] { "may not be '.'" })]
    [InlineData("..", new[] { "may not be '..'" })]
    [InlineData("a/b", new[] { "may not contain '/'" })]
    [InlineData("a%b", new[] { "may not contain '%'" })]
    [InlineData("/%", new[] { "may not contain '/'", "may not contain '%'" })]
    public void IsValidPathSegmentName_Value_ReportsKubernetesMessages(string value, string[] expected)
    {
        Assert.Equal(expected, NameValidation.IsValidPathSegmentName(value));
        Assert.Equal(expected, NameValidation.ValidatePathSegmentName(value, false));
    }

    [Theory]
    [InlineData(".", new string[0])]
    [InlineData("..", new string[0])]
    [InlineData("a-", new string[0])]
    [InlineData("a/", new[] { "may not contain '/'" })]
    [InlineData("%/", new[] { "may not contain '/'", "may not contain '%'" })]
    public void ValidatePathSegmentName_Prefix_OnlyForbidsSlashAndPercent(string value, string[] expected)
    {
        Assert.Equal(expected, NameValidation.IsValidPathSegmentPrefix(value));
        Assert.Equal(expected, NameValidation.ValidatePathSegmentName(value, true));
    }

    [Theory]
    [InlineData("foo", false, true)]
    [InlineData("foo.bar", false, true)]
    [InlineData("foo-", false, false)]
    [InlineData("foo-", true, true)]
    [InlineData("foo.bar-", true, true)]
    [InlineData("a-", true, true)]
    [InlineData("-", true, false)]
    [InlineData("foo.-", true, true)]
    [InlineData("Foo-", true, false)]
    [InlineData("foo--", true, true)]
    public void NameIsDnsSubdomain_Prefix_MasksTrailingDash(string name, bool prefix, bool valid)
    {
        Assert.Equal(valid, NameValidation.NameIsDnsSubdomain(name, prefix).Count == 0);
    }

    [Theory]
    [InlineData("foo", false, true)]
    [InlineData("foo-", true, true)]
    [InlineData("foo-", false, false)]
    [InlineData("foo.bar", false, false)]
    [InlineData("foo.bar-", true, false)]
    public void NameIsDnsLabel_Prefix_MasksTrailingDash(string name, bool prefix, bool valid)
    {
        Assert.Equal(valid, NameValidation.NameIsDnsLabel(name, prefix).Count == 0);
        Assert.Equal(valid, NameValidation.ValidateNamespaceName(name, prefix).Count == 0);
    }

    [Theory]
    [InlineData("foo", false, true)]
    [InlineData("foo-", true, true)]
    [InlineData("1foo", false, false)]
    [InlineData("1a-", true, false)]
    public void NameIsDns1035Label_Prefix_MasksTrailingDash(string name, bool prefix, bool valid)
    {
        Assert.Equal(valid, NameValidation.NameIsDns1035Label(name, prefix).Count == 0);
    }

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("-", "-")]
    [InlineData("a-", "a")]
    [InlineData("ab-", "aa")]
    [InlineData("abc-", "aba")]
    [InlineData("", "")]
    public void MaskTrailingDash_KeepsKubernetesQuirk(string name, string expected)
    {
        Assert.Equal(expected, NameValidation.MaskTrailingDash(name));
    }

    [Fact]
    public void NameIsDnsSubdomain_PrefixMessage_IsSubdomainRule()
    {
        Assert.Equal([Dns1123SubdomainRule], NameValidation.NameIsDnsSubdomain("Foo-", true));
    }
}

using System.Text;
using VirtRigaud.Provider.Contract.Payloads;

namespace VirtRigaud.Provider.Contract.Tests.Payloads;

public sealed class GoJsonTests
{
    // Expected values are what Go 1.22+'s json.Marshal(string) writes.
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("<a href=\"x\">&</a>", "\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\"")]
    [InlineData("\u007f", "\"\u007f\"")]
    [InlineData("Rīga ☃ 😀", "\"Rīga ☃ 😀\"")]
    [InlineData("\u2028\u2029", "\"\\u2028\\u2029\"")]
    [InlineData("\ufffd", "\"\ufffd\"")]
    [InlineData("'single'", "\"'single'\"")]
    public void AppendQuoted_String_GoEncoding(string value, string expected)
    {
        var builder = new StringBuilder();

        GoJson.AppendQuoted(builder, value);

        Assert.Equal(expected, builder.ToString());
    }

    [Fact]
    public void AppendQuoted_LoneSurrogates_ReplacementEscape()
    {
        // Built at run time: a lone surrogate cannot sit in attribute metadata (UTF-8).
        var builder = new StringBuilder();

        GoJson.AppendQuoted(builder, new string(['a', (char)0xD800, 'b', (char)0xDC00]));

        Assert.Equal("\"a\\ufffdb\\ufffd\"", builder.ToString());
    }

    [Theory]
    [InlineData("a", "b", -1)]
    [InlineData("B", "a", -1)]
    [InlineData("a", "a", 0)]
    [InlineData("ab", "a", 1)]
    [InlineData("\uffff", "😀", -1)]
    [InlineData("😀", "\ue000", 1)]
    public void CompareUtf8_Strings_Utf8ByteOrder(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(GoJson.CompareUtf8(a, b)));
        Assert.Equal(sign, Math.Sign(Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b))));
    }
}

using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Validation;

public sealed class ValidationMessagesTests
{
    [Theory]
    [InlineData(new string[0], "msg (regex used for validation is 're')")]
    [InlineData(new[] { "a" }, "msg (e.g. 'a', regex used for validation is 're')")]
    [InlineData(new[] { "a", "b" }, "msg (e.g. 'a',  or 'b', regex used for validation is 're')")]
    [InlineData(new[] { "a", "b", "c" }, "msg (e.g. 'a',  or 'b',  or 'c', regex used for validation is 're')")]
    public void Regex_Examples_ArePunctuatedLikeKubernetes(string[] examples, string expected)
    {
        Assert.Equal(expected, ValidationMessages.Regex("msg", "re", examples));
    }

    [Theory]
    [InlineData(63, "must be no more than 63 characters")]
    [InlineData(253, "must be no more than 253 characters")]
    public void MaxLen_Length_IsPrinted(int length, string expected)
    {
        Assert.Equal(expected, ValidationMessages.MaxLen(length));
    }

    [Fact]
    public void FixedMessages_MatchKubernetes()
    {
        Assert.Equal("must be non-empty", ValidationMessages.Empty());
        Assert.Equal("must be between 1 and 65535, inclusive", ValidationMessages.InclusiveRange(1, 65535));
        Assert.Equal("field is immutable", ValidationMessages.FieldImmutable);
        Assert.Equal("must be greater than or equal to 0", ValidationMessages.IsNegative);
    }
}

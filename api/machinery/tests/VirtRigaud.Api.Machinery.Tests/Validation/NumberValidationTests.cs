using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Validation;

public sealed class NumberValidationTests
{
    private const string PercentRule =
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

    [Theory]
    [InlineData("0%")]
    [InlineData("1%")]
    [InlineData("25%")]
    [InlineData("100%")]
    [InlineData("99999%")]
    [InlineData("007%")]
    public void IsValidPercent_Valid_NoErrors(string value)
    {
        Assert.Empty(NumberValidation.IsValidPercent(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%")]
    [InlineData("1")]
    [InlineData("1.5%")]
    [InlineData("-1%")]
    [InlineData("+1%")]
    [InlineData(" 1%")]
    [InlineData("1% ")]
    [InlineData("1%\n")]
    [InlineData("1%%")]
    [InlineData("a%")]
    [InlineData("١%")]
    public void IsValidPercent_Invalid_ReportsPattern(string value)
    {
        Assert.Equal([PercentRule], NumberValidation.IsValidPercent(value));
    }

    [Theory]
    [InlineData(0, 0, 10, true)]
    [InlineData(10, 0, 10, true)]
    [InlineData(5, 0, 10, true)]
    [InlineData(-1, 0, 10, false)]
    [InlineData(11, 0, 10, false)]
    [InlineData(-5, -10, -1, true)]
    public void IsInRange_Value_IsInclusive(long value, long min, long max, bool valid)
    {
        var errors = NumberValidation.IsInRange(value, min, max);

        Assert.Equal(valid ? [] : [$"must be between {min} and {max}, inclusive"], errors);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(long.MaxValue, 0)]
    [InlineData(-1, 1)]
    [InlineData(long.MinValue, 1)]
    public void ValidateNonnegativeField_Value_RejectsNegatives(long value, int errorCount)
    {
        Assert.Equal(errorCount, NumberValidation.ValidateNonnegativeField(value, FieldPath.NewPath("spec", "replicas")).Count);
    }

    [Fact]
    public void ValidateNonnegativeField_Negative_PrintsKubernetesMessage()
    {
        var errors = NumberValidation.ValidateNonnegativeField(-1, FieldPath.NewPath("metadata", "generation"));

        Assert.Equal("metadata.generation: Invalid value: -1: must be greater than or equal to 0", errors.ToString());
    }
}

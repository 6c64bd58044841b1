using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Validation;

public sealed class GoSyntaxValueTests
{
    [Fact]
    public void StringSlice_Null_PrintsNilSlice()
    {
        Assert.Equal("[]string(nil)", GoSyntaxValue.StringSlice(null).ToString());
    }

    [Theory]
    [InlineData(new string[0], "[]string{}")]
    [InlineData(new[] { "a" }, "[]string{\"a\"}")]
    [InlineData(new[] { "a", "b\"c" }, "[]string{\"a\", \"b\\\"c\"}")]
    [InlineData(new[] { "" }, "[]string{\"\"}")]
    public void StringSlice_Values_PrintLikeGo(string[] values, string expected)
    {
        var value = GoSyntaxValue.StringSlice(values);

        Assert.Equal(expected, value.ToString());
        Assert.Same(values, value.Value);
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05Z", "2024-01-02 03:04:05 +0000 UTC")]
    [InlineData("2024-01-02T03:04:05.5Z", "2024-01-02 03:04:05.5 +0000 UTC")]
    [InlineData("2024-01-02T03:04:05.1234567Z", "2024-01-02 03:04:05.1234567 +0000 UTC")]
    [InlineData("2024-01-02T05:04:05+02:00", "2024-01-02 03:04:05 +0000 UTC")]
    public void Time_Value_PrintsGoTimeStringInUtc(string iso, string expected)
    {
        var time = DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, GoSyntaxValue.Time(time).ToString());
    }

    [Fact]
    public void Time_Null_PrintsGoZeroTime()
    {
        Assert.Equal("0001-01-01 00:00:00 +0000 UTC", GoSyntaxValue.Time(null).ToString());
    }

    [Fact]
    public void OwnerReference_PrintsStructLikeGo()
    {
        var reference = new OwnerReference { ApiVersion = "v1", Kind = "Pod", Name = "p", Uid = "u", Controller = true };

        Assert.Equal(
            "v1.OwnerReference{APIVersion:\"v1\", Kind:\"Pod\", Name:\"p\", UID:\"u\", Controller:(*bool)(true), BlockOwnerDeletion:(*bool)(nil)}",
            GoSyntaxValue.OwnerReference(reference).ToString());
    }

    [Fact]
    public void FieldError_WithGoSyntaxValue_PrintsTextUnquoted()
    {
        var error = FieldError.Invalid(FieldPath.NewPath("values"), GoSyntaxValue.StringSlice(["x"]), "detail");

        Assert.Equal("values: Invalid value: []string{\"x\"}: detail", error.ToString());
    }
}

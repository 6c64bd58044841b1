using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Validation;

/// <summary>
/// <see cref="FieldErrorList.ToString"/> as <c>ErrorList.ToAggregate().Error()</c>: one message as is, several as
/// <c>[a, b]</c>, repeated messages dropped with the first occurrence's order kept.
/// </summary>
public sealed class FieldErrorListTests
{
    private static readonly FieldError A = FieldError.Required(FieldPath.NewPath("spec", "a"));
    private static readonly FieldError B = FieldError.Invalid(FieldPath.NewPath("spec", "b"), 3, "must be even");
    private static readonly FieldError C = FieldError.Forbidden(FieldPath.NewPath("spec", "c"), "may not be set");

    public static TheoryData<FieldError[], string> Lists => new()
    {
        { [], "" },
        { [A], "spec.a: Required value" },
        { [A, B], "[spec.a: Required value, spec.b: Invalid value: 3: must be even]" },
        { [B, A], "[spec.b: Invalid value: 3: must be even, spec.a: Required value]" },
        { [A, B, A, C, B], "[spec.a: Required value, spec.b: Invalid value: 3: must be even, spec.c: Forbidden: may not be set]" },
        { [A, A], "spec.a: Required value" },
        { [A, FieldError.Required(FieldPath.NewPath("spec", "a"))], "spec.a: Required value" },

        // The same field with a different message is not a duplicate.
        { [A, FieldError.Required(FieldPath.NewPath("spec", "a"), "needed")], "[spec.a: Required value, spec.a: Required value: needed]" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void ToString_Errors_AggregatesAsKubernetes(FieldError[] errors, string expected)
    {
        Assert.Equal(expected, new FieldErrorList(errors).ToString());
    }

    [Fact]
    public void ToString_Duplicates_StayInTheList()
    {
        var list = new FieldErrorList { A, A };

        _ = list.ToString();

        Assert.Equal(2, list.Count);
    }

    public static TheoryData<FieldErrorType[], string[]> Filters => new()
    {
        { [FieldErrorType.Required], ["spec.a", "spec.d"] },
        { [FieldErrorType.Invalid, FieldErrorType.Forbidden], ["spec.b", "spec.c"] },
        { [FieldErrorType.Duplicate], [] },
        { [], [] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void Filter_Types_KeepsOnlyThoseInOrder(FieldErrorType[] types, string[] expectedFields)
    {
        var list = new FieldErrorList { A, B, C, FieldError.Required(FieldPath.NewPath("spec", "d")) };

        var filtered = list.Filter(types);

        Assert.Equal(expectedFields, filtered.Select(e => e.Field));
        Assert.Equal(4, list.Count);
        Assert.NotSame(list, filtered);
    }
}

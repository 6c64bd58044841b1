using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests;

/// <summary>Assertions over field error lists shared by the validation tests of every kind.</summary>
internal static class FieldErrorAssert
{
    /// <summary>Asserts exactly one error, of <paramref name="type"/> at <paramref name="field"/>, and returns it.</summary>
    public static FieldError Single(FieldErrorList errors, FieldErrorType type, string field)
    {
        var error = Assert.Single(errors);
        Assert.Equal(type, error.Type);
        Assert.Equal(field, error.Field);
        return error;
    }
}

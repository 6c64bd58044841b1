namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>The wire names and message prefixes of <see cref="FieldErrorType"/>, exactly as Kubernetes prints them.</summary>
public static class FieldErrorTypeExtensions
{
    /// <summary>The Status cause reason, e.g. <c>FieldValueRequired</c>.</summary>
    public static string CauseType(this FieldErrorType type) => type switch
    {
        FieldErrorType.NotFound => "FieldValueNotFound",
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.InternalError => "InternalError",
        FieldErrorType.TypeInvalid => "FieldValueTypeInvalid",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The human prefix of a message, e.g. <c>Required value</c>.</summary>
    public static string Describe(this FieldErrorType type) => type switch
    {
        FieldErrorType.NotFound => "Not found",
        FieldErrorType.Required => "Required value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.InternalError => "Internal error",
        FieldErrorType.TypeInvalid => "Invalid value",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}

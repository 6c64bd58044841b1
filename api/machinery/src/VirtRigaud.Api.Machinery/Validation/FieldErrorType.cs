namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// The kinds of field error, as in k8s.io/apimachinery <c>field.ErrorType</c>. Each maps to a Status cause reason
/// (<see cref="FieldErrorTypeExtensions.CauseType"/>) and a message prefix (<see cref="FieldErrorTypeExtensions.Describe"/>).
/// </summary>
public enum FieldErrorType
{
    /// <summary>A referenced thing does not exist.</summary>
    NotFound,

    /// <summary>A required field is missing or empty.</summary>
    Required,

    /// <summary>A value that must be unique was repeated.</summary>
    Duplicate,

    /// <summary>A malformed value (bad format, out of range…).</summary>
    Invalid,

    /// <summary>A value outside a fixed set of supported values.</summary>
    NotSupported,

    /// <summary>A valid value that is not allowed in this context (immutable field, disallowed combination).</summary>
    Forbidden,

    /// <summary>A string longer than allowed.</summary>
    TooLong,

    /// <summary>A list or map with more entries than allowed.</summary>
    TooMany,

    /// <summary>Validation itself failed; not the user's fault.</summary>
    InternalError,

    /// <summary>A value of the wrong JSON type.</summary>
    TypeInvalid,
}

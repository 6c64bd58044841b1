using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Labels;

/// <summary>
/// A label selector that cannot be parsed or built. <see cref="Exception.Message"/> is exactly the text Kubernetes
/// returns (e.g. <c>unable to parse requirement: found '', expected: identifier</c>), ready for a 400 BadRequest
/// Status. When the failure came from a requirement's key, operator or values, <see cref="Errors"/> holds the field
/// errors the message was made from.
/// </summary>
public sealed class SelectorFormatException : FormatException
{
    public SelectorFormatException()
    {
    }

    public SelectorFormatException(string message)
        : base(message)
    {
    }

    public SelectorFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SelectorFormatException(string message, FieldErrorList? errors)
        : base(message)
    {
        Errors = errors;
    }

    /// <summary>The field errors behind the message, if it came from requirement validation.</summary>
    public FieldErrorList? Errors { get; }
}

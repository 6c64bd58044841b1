namespace VirtRigaud.Api.Machinery.Fields;

/// <summary>
/// A field selector that cannot be parsed. <see cref="Exception.Message"/> is exactly Kubernetes' text (e.g.
/// <c>invalid selector: 'a'; can't understand 'a'</c>), ready for a 400 BadRequest Status.
/// </summary>
public sealed class FieldSelectorFormatException : FormatException
{
    public FieldSelectorFormatException()
    {
    }

    public FieldSelectorFormatException(string message)
        : base(message)
    {
    }

    public FieldSelectorFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

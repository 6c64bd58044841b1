namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// A JSON payload in a string field does not parse into its shape. Providers answer INVALID_ARGUMENT with this message.
/// The message names the field and the JSON error position, never the payload itself (it may hold secrets).
/// </summary>
public sealed class ProviderPayloadException : FormatException
{
    public ProviderPayloadException(string field, string message, Exception? innerException = null)
        : base($"{field}: {message}", innerException)
    {
        Field = field;
    }

    public ProviderPayloadException()
        : this("", "invalid payload")
    {
    }

    public ProviderPayloadException(string message)
        : this("", message)
    {
    }

    public ProviderPayloadException(string message, Exception innerException)
        : this("", message, innerException)
    {
    }

    /// <summary>The proto field that carried the payload, e.g. <c>class_json</c>.</summary>
    public string Field { get; }
}

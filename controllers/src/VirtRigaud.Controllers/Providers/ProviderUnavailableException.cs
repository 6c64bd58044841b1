namespace VirtRigaud.Controllers.Providers;

/// <summary>
/// The Provider has no usable connection: not running yet, not validated, or its Validate answered not-ok. The message
/// says which (never any credential); controllers report it as <c>ProviderError</c> and retry.
/// </summary>
public sealed class ProviderUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProviderUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProviderUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What the provider answered to Validate when it answered not-ok; null for other causes.</summary>
    public string? ValidationMessage { get; init; }
}

namespace VirtRigaud.Provider.Conformance;

/// <summary>An assertion of a conformance case did not hold; the message says which and what the provider did.</summary>
public sealed class ConformanceCaseFailedException : Exception
{
    public ConformanceCaseFailedException()
    {
    }

    public ConformanceCaseFailedException(string message)
        : base(message)
    {
    }

    public ConformanceCaseFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

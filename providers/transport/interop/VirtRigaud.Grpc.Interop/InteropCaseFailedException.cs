namespace VirtRigaud.Grpc.Interop;

/// <summary>An assertion of an interop case did not hold; the message says which and what was seen.</summary>
public sealed class InteropCaseFailedException : Exception
{
    public InteropCaseFailedException()
    {
    }

    public InteropCaseFailedException(string message)
        : base(message)
    {
    }

    public InteropCaseFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

namespace VirtRigaud.Controllers.Runtime;

/// <summary>
/// A failure retrying cannot fix (controller-runtime's <c>reconcile.TerminalError</c>): an invalid spec, an unsupported
/// feature. The controller logs it once, counts it as an error and forgets the key; the reconciler is expected to have
/// recorded the reason in a condition before throwing, and the key comes back only when the object changes.
/// </summary>
public sealed class TerminalReconcileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TerminalReconcileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TerminalReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

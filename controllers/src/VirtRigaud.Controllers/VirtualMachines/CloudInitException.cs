namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// A cloud-init source cannot be read: a Secret lacks every accepted key. The message names the Secret and the keys
/// it accepts, never a value.
/// </summary>
public sealed class CloudInitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CloudInitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CloudInitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CloudInitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

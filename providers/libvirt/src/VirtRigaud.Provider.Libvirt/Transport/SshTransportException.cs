namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>ssh itself failed (exit 255): the remote command did not run. The message is ssh's own diagnostic.</summary>
internal sealed class SshTransportException : Exception
{
    public SshTransportException()
    {
    }

    public SshTransportException(string message)
        : base(message)
    {
    }

    public SshTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SshTransportException(SshFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>What kind of failure.</summary>
    public SshFailure Failure { get; }
}

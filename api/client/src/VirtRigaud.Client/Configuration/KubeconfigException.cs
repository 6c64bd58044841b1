namespace VirtRigaud.Client.Configuration;

/// <summary>
/// A kubeconfig or in-cluster configuration that cannot be used: a file that does not parse, a context, cluster or
/// user that does not exist, a missing server, unreadable certificate files. The message names the file or entry
/// and never contains secret values.
/// </summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException()
        : base("invalid configuration")
    {
    }

    public KubeconfigException(string message)
        : base(message)
    {
    }

    public KubeconfigException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>Why ssh could not run a command on the host.</summary>
internal enum SshFailure
{
    /// <summary>The host did not answer (refused, reset, timed out, no route, name not resolved): retried, then UNAVAILABLE.</summary>
    Unreachable,

    /// <summary>The host key is unknown or differs from known_hosts: never retried, never accepted (no trust on first use).</summary>
    HostKeyVerification,

    /// <summary>The host refused the key or password.</summary>
    Authentication,

    /// <summary>Some other ssh error (exit 255).</summary>
    Other,
}

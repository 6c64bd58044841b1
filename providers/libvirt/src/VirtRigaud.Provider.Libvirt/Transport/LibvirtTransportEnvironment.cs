namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>Environment variables of the libvirt transport (upstream names, API-REFERENCE §6.3, §6.4).</summary>
internal static class LibvirtTransportEnvironment
{
    /// <summary><c>true</c> (literal, any case): accept unknown host keys (<c>StrictHostKeyChecking=accept-new</c>), with a warning per connection.</summary>
    public const string InsecureSkipHostKeyVerification = "LIBVIRT_INSECURE_SKIP_HOST_KEY_VERIFICATION";

    /// <summary><c>true</c>: no ControlMaster multiplexing.</summary>
    public const string DisableMultiplexing = "LIBVIRT_SSH_DISABLE_MULTIPLEXING";

    /// <summary>ssh login name; takes precedence over the Secret's <c>username</c>.</summary>
    public const string Username = "LIBVIRT_USERNAME";

    /// <summary>ssh password; takes precedence over the Secret's <c>password</c>.</summary>
    public const string Password = "LIBVIRT_PASSWORD";

    /// <summary>ssh private key (PEM/OpenSSH text); takes precedence over the Secret's <c>ssh-privatekey</c>.</summary>
    public const string PrivateKey = "LIBVIRT_SSH_PRIVATE_KEY";

    /// <summary>Our addition: a folder on a memory-backed file system for the key and control sockets (default $XDG_RUNTIME_DIR, /dev/shm, /tmp/virtrigaud-libvirt).</summary>
    public const string KeyDirectory = "LIBVIRT_SSH_KEY_DIR";

    /// <summary>Our addition: the cap on concurrent remote commands (default 8).</summary>
    public const string MaxConcurrentCommands = "LIBVIRT_SSH_MAX_CONCURRENT_COMMANDS";

    /// <summary>Whether <paramref name="value"/> is the literal <c>true</c> (trimmed, any case), as upstream checks these switches.</summary>
    public static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}

using System.Globalization;
using Microsoft.Extensions.Logging;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>
/// Makes the <see cref="ICommandRunner"/> for an endpoint: local for <c>qemu:///…</c> and <c>test:///…</c>; for
/// <c>qemu+ssh://</c> an <see cref="SshCommandRunner"/> whose key, known_hosts copy and control sockets live in a new
/// private folder (0700, files 0600) on a memory-backed file system. Credentials (API-REFERENCE §6.3): env
/// <c>LIBVIRT_USERNAME</c>/<c>LIBVIRT_PASSWORD</c>/<c>LIBVIRT_SSH_PRIVATE_KEY</c> before the Secret's
/// <c>username</c>/<c>password</c>/<c>ssh-privatekey</c>; the user in the URI wins over both; a key wins over a password.
/// </summary>
internal static class CommandRunnerFactory
{
    private const int DefaultMaxConcurrentCommands = 8;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the runner for <paramref name="endpoint"/>.</summary>
    /// <exception cref="ProviderException">FAILED_PRECONDITION: no credential, or no known_hosts while verification is on (actionable message).</exception>
    public static ICommandRunner Create(LibvirtEndpoint endpoint, ProviderCredentials credentials, ProviderEnvironment environment, ILogger logger, TimeProvider time)
    {
        var cap = environment.GetNonEmpty(LibvirtTransportEnvironment.MaxConcurrentCommands) is { } text
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : DefaultMaxConcurrentCommands;
        if (!endpoint.IsSsh)
        {
            return new LocalCommandRunner(cap);
        }

        var insecure = LibvirtTransportEnvironment.IsTrue(environment.Get(LibvirtTransportEnvironment.InsecureSkipHostKeyVerification));
        var multiplex = !LibvirtTransportEnvironment.IsTrue(environment.Get(LibvirtTransportEnvironment.DisableMultiplexing));
        var user = endpoint.User
            ?? (credentials.TryGetFromEnvironmentOrFile("username", [LibvirtTransportEnvironment.Username], out var u) ? u.RevealTrimmedString() : null);
        if (string.IsNullOrEmpty(user))
        {
            throw ProviderErrors.FailedPrecondition(
                $"no ssh user for {endpoint.Original}: put it in the endpoint (qemu+ssh://user@host/system), the credentials Secret key \"username\" or {LibvirtTransportEnvironment.Username}");
        }

        credentials.TryGetFromEnvironmentOrFile("ssh-privatekey", [LibvirtTransportEnvironment.PrivateKey], out var key);
        credentials.TryGetFromEnvironmentOrFile("password", [LibvirtTransportEnvironment.Password], out var password);
        if (key is { IsEmptyOrWhiteSpace: true })
        {
            key = null;
        }

        if (key is null && (password is null || password.Length == 0))
        {
            throw ProviderErrors.FailedPrecondition(
                $"no ssh credential for {endpoint.Original}: add \"ssh-privatekey\" or \"password\" to the credentials Secret (mounted at {credentials.Directory}), or set {LibvirtTransportEnvironment.PrivateKey} / {LibvirtTransportEnvironment.Password}");
        }

        credentials.TryGet("known_hosts", out var knownHosts);
        if (!insecure && (knownHosts is null || knownHosts.IsEmptyOrWhiteSpace))
        {
            throw ProviderErrors.FailedPrecondition(
                $"host key verification is on and the credentials Secret has no known_hosts (mounted at {credentials.Directory}): add key \"known_hosts\" "
                + $"(e.g. from `ssh-keyscan -p {endpoint.Port} -H {endpoint.Host}`), or set {LibvirtTransportEnvironment.InsecureSkipHostKeyVerification}=true to accept unknown keys (not recommended)");
        }

        var directory = CreatePrivateDirectory(environment);
        try
        {
            string? keyFile = null;
            if (key is not null)
            {
                keyFile = Path.Combine(directory, "id");
                var keyText = key.RevealString().Replace("\r\n", "\n", StringComparison.Ordinal);
                // OpenSSH refuses a key file that does not end with a newline.
                WritePrivateFile(keyFile, keyText.EndsWith('\n') ? keyText : keyText + "\n");
            }

            var knownHostsFile = Path.Combine(directory, "known_hosts");
            WritePrivateFile(knownHostsFile, insecure ? string.Empty : knownHosts!.RevealString());
            return new SshCommandRunner(
                new SshSettings
                {
                    Host = endpoint.Host,
                    Port = endpoint.Port,
                    User = user,
                    IdentityFile = keyFile,
                    Password = keyFile is null ? password : null,
                    KnownHostsFile = knownHostsFile,
                    InsecureSkipHostKeyVerification = insecure,
                    ControlDirectory = multiplex ? directory : null,
                    MaxConcurrentCommands = cap,
                    PrivateDirectory = directory,
                },
                logger,
                time);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>A new 0700 folder on a memory-backed file system (the key never touches a disk).</summary>
    internal static string CreatePrivateDirectory(ProviderEnvironment environment)
    {
        string[] candidates =
        [
            environment.GetNonEmpty(LibvirtTransportEnvironment.KeyDirectory) ?? string.Empty,
            environment.GetNonEmpty("XDG_RUNTIME_DIR") ?? string.Empty,
            "/dev/shm",
            "/tmp/virtrigaud-libvirt",
        ];
        foreach (var parent in candidates.Where(c => c.Length > 0))
        {
            try
            {
                Directory.CreateDirectory(parent);
                var path = Path.Combine(parent, "vrl-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5)));
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(path);
                }
                else
                {
                    Directory.CreateDirectory(path, DirectoryMode);
                    File.SetUnixFileMode(path, DirectoryMode);
                }

                return path;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        throw ProviderErrors.FailedPrecondition("no writable folder for the ssh key: set LIBVIRT_SSH_KEY_DIR to a memory-backed folder (e.g. an emptyDir with medium Memory)");
    }

    private static void WritePrivateFile(string path, string content)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using var stream = new FileStream(path, options);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(content));
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Provider.Libvirt.Transport;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Provider.Libvirt.Tests.Testing;

/// <summary>Builds command runners against the test sshd the way the provider does (through <see cref="CommandRunnerFactory"/>).</summary>
internal static class Runners
{
    /// <summary>An ssh runner with the server's key and known_hosts (plus <paramref name="extra"/> keys, <paramref name="environment"/>).</summary>
    public static ICommandRunner Ssh(
        SshServer server,
        IReadOnlyDictionary<string, string>? extra = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? knownHosts = null)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ssh-privatekey"] = server.ClientPrivateKey,
            ["known_hosts"] = knownHosts ?? server.KnownHosts,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            keys[key] = value;
        }

        using var credentials = new CredentialsDirectory(keys);
        var env = new ProviderEnvironment(environment ?? new Dictionary<string, string>());
        var endpoint = LibvirtEndpoint.Parse($"qemu+ssh://{server.User}@{server.Host}:{server.Port}/system");
        return CommandRunnerFactory.Create(endpoint, new ProviderCredentials(credentials.Path, env, new SecretRedactor()), env, NullLogger.Instance, TimeProvider.System);
    }
}

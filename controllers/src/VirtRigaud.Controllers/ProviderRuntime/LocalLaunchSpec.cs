using System.Security.Cryptography;
using System.Text;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// Everything a Local provider process is started from. A change of <see cref="RestartFingerprint"/> (binary,
/// environment, TLS) restarts the process; credentials are rewritten in place instead (providers re-read them on every
/// use, as from a mounted Secret). Immutable. <see cref="ToString"/> names no credential or environment value.
/// </summary>
internal sealed record LocalLaunchSpec
{
    /// <summary>The Provider.</summary>
    public required ObjectKey Key { get; init; }

    /// <summary>The provider object, for Events about the process.</summary>
    public required Api.V1Beta1.Provider Owner { get; init; }

    /// <summary>How to execute the provider.</summary>
    public required LocalProviderCommand Command { get; init; }

    /// <summary>Environment variables set on the process, in order (a later entry wins).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; }

    /// <summary>The credential Secret's data: one file per key in the credentials directory.</summary>
    public required IReadOnlyDictionary<string, byte[]> Credentials { get; init; }

    /// <summary>Loopback mTLS with certificates from the manager's CA; false: plaintext h2c.</summary>
    public required bool Tls { get; init; }

    /// <summary>Changes when the process must be restarted.</summary>
    public string RestartFingerprint()
    {
        var text = new StringBuilder().Append(Command.FileName).Append('\n').AppendJoin('\n', Command.Arguments).Append('\n').Append(Tls ? "tls" : "plaintext");
        foreach (var (name, value) in Environment)
        {
            text.Append('\n').Append(name).Append('=').Append(value);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Changes when the credential files must be rewritten.</summary>
    public string CredentialsFingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, value) in Credentials.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name + "\0"));
            hash.AppendData(SHA256.HashData(value));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <inheritdoc/>
    public override string ToString() => $"LocalLaunchSpec {{ Key = {Key}, Binary = {Command.Binary}, Tls = {Tls}, Credentials = {Credentials.Count} keys }}";
}

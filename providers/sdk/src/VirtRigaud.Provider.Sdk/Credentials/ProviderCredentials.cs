using System.Diagnostics.CodeAnalysis;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Sdk.Credentials;

/// <summary>
/// The provider's credentials: the keys of the Provider's credentials Secret, mounted as files
/// <c>&lt;directory&gt;/&lt;key&gt;</c> (default <see cref="DefaultDirectory"/>, flag <c>--credentials-dir</c>), plus
/// the environment-variable fallbacks some providers accept (API-REFERENCE §6.3).
/// </summary>
/// <remarks>
/// <para>Files are read on every call, so a rotated Secret (the kubelet swaps the volume's <c>..data</c> link) takes
/// effect without a restart. Every value read is registered with the <see cref="SecretRedactor"/>, so a log line that
/// quotes it by mistake shows the mask, and is returned as a <see cref="SecretValue"/> whose <c>ToString</c> is the
/// mask. Values are returned as stored: trimming rules (vSphere trims white space, others do not) are the provider's
/// business (<see cref="SecretValue.RevealTrimmedString"/>).</para>
/// <para>Thread-safe; reads do not mutate this instance (only the redactor).</para>
/// </remarks>
public sealed class ProviderCredentials
{
    /// <summary>Where the provider Deployment mounts the credentials Secret (upstream).</summary>
    public const string DefaultDirectory = "/etc/virtrigaud/credentials";

    private readonly ProviderEnvironment _environment;
    private readonly SecretRedactor _redactor;

    public ProviderCredentials(string directory, ProviderEnvironment environment, SecretRedactor redactor)
    {
        Directory = directory;
        _environment = environment;
        _redactor = redactor;
    }

    /// <summary>The directory the keys are read from.</summary>
    public string Directory { get; }

    /// <summary>
    /// Reads key <paramref name="key"/>; <see langword="false"/> when its file does not exist (the Secret has no such
    /// key). An empty file is a present, empty value.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a valid Secret key (<c>[-._a-zA-Z0-9]+</c>, not <c>.</c> or <c>..</c>).</exception>
    /// <exception cref="ProviderException">FAILED_PRECONDITION: the file exists but cannot be read.</exception>
    public bool TryGet(string key, [NotNullWhen(true)] out SecretValue? value)
    {
        var path = PathOf(key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            value = null;
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ProviderErrors.FailedPrecondition($"credential \"{key}\" cannot be read from {path}", e);
        }

        value = new SecretValue(bytes);
        _redactor.Register(value.RevealString());
        return true;
    }

    /// <summary>Reads key <paramref name="key"/>, which must exist.</summary>
    /// <exception cref="ProviderException">FAILED_PRECONDITION naming the key and the directory (never a value) when it is missing or unreadable.</exception>
    public SecretValue Get(string key) =>
        TryGet(key, out var value)
            ? value
            : throw ProviderErrors.FailedPrecondition($"credential \"{key}\" is not configured: add key \"{key}\" to the Provider's credentials Secret (mounted at {Directory})");

    /// <summary>Reads key <paramref name="key"/> as UTF-8 text, as stored. Prefer <see cref="Get"/> and reveal at the point of use.</summary>
    /// <exception cref="ProviderException">FAILED_PRECONDITION when it is missing or unreadable.</exception>
    public string GetString(string key) => Get(key).RevealString();

    /// <summary>Reads key <paramref name="key"/> as raw bytes.</summary>
    /// <exception cref="ProviderException">FAILED_PRECONDITION when it is missing or unreadable.</exception>
    public byte[] GetBytes(string key) => Get(key).RevealBytes();

    /// <summary>
    /// The first of <paramref name="environmentVariables"/> that is set and not blank, else key <paramref name="key"/>
    /// from the directory: the precedence of libvirt's <c>LIBVIRT_PASSWORD</c> over the mounted <c>password</c> and of
    /// Proxmox's <c>PROVIDER_TOKEN_ID</c>/<c>PVE_TOKEN_ID</c> fallbacks.
    /// </summary>
    public bool TryGetFromEnvironmentOrFile(string key, IReadOnlyList<string> environmentVariables, [NotNullWhen(true)] out SecretValue? value)
    {
        foreach (var name in environmentVariables)
        {
            if (_environment.GetNonEmpty(name) is { } fromEnvironment)
            {
                value = Protect(fromEnvironment);
                return true;
            }
        }

        return TryGet(key, out value);
    }

    /// <summary>As <see cref="TryGetFromEnvironmentOrFile"/>, for a value that must exist.</summary>
    /// <exception cref="ProviderException">FAILED_PRECONDITION naming the key and the variables when none is set.</exception>
    public SecretValue GetFromEnvironmentOrFile(string key, params string[] environmentVariables) =>
        TryGetFromEnvironmentOrFile(key, environmentVariables, out var value)
            ? value
            : throw ProviderErrors.FailedPrecondition(
                $"credential \"{key}\" is not configured: add key \"{key}\" to the Provider's credentials Secret (mounted at {Directory}) or set {string.Join(" or ", environmentVariables)}");

    /// <summary>
    /// Wraps a secret that did not come from this store (a request's credentials map, a token fetched at run time) and
    /// registers it with the redactor, so that logs mask it from now on.
    /// </summary>
    public SecretValue Protect(string value)
    {
        _redactor.Register(value);
        return new SecretValue(value);
    }

    /// <summary>
    /// The keys present in the directory, sorted (names only, never values). Hidden entries — the kubelet's
    /// <c>..data</c> link and timestamped directories — are not keys. Empty when the directory does not exist.
    /// </summary>
    public IReadOnlyList<string> ListKeys()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateFileSystemEntries(Directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.') && IsValidKey(name) && File.Exists(Path.Combine(Directory, name)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether <paramref name="key"/> is a valid Kubernetes Secret data key (and so a safe file name).</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 253 && key is not "." and not ".." && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');

    private string PathOf(string key)
    {
        if (!IsValidKey(key))
        {
            throw new ArgumentException($"\"{key}\" is not a valid Secret key ([-._a-zA-Z0-9]+, not . or ..)", nameof(key));
        }

        return Path.Combine(Directory, key);
    }
}

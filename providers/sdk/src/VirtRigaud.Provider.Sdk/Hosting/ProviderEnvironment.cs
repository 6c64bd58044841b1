using System.Collections;

namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// A snapshot of the environment variables a provider was started with. The SDK reads configuration only through
/// it (never <see cref="Environment"/> directly), so tests run several providers with different environments in one
/// process. Providers inject it for their own variables (e.g. <c>LIBVIRT_*</c>). Immutable; thread-safe.
/// </summary>
public sealed class ProviderEnvironment
{
    private readonly Dictionary<string, string> _variables;

    /// <summary>An environment holding exactly <paramref name="variables"/> (copied).</summary>
    public ProviderEnvironment(IEnumerable<KeyValuePair<string, string>> variables)
    {
        _variables = new Dictionary<string, string>(variables, StringComparer.Ordinal);
    }

    /// <summary>An environment with no variables.</summary>
    public static ProviderEnvironment Empty { get; } = new([]);

    /// <summary>The variables of this process, read now.</summary>
    public static ProviderEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                variables[name] = value;
            }
        }

        return new ProviderEnvironment(variables);
    }

    /// <summary>The value of <paramref name="name"/> (case-sensitive, as on Linux), or <c>null</c> when it is not set.</summary>
    public string? Get(string name) => _variables.TryGetValue(name, out var value) ? value : null;

    /// <summary>The value of <paramref name="name"/>, or <c>null</c> when it is unset, empty or only white space.</summary>
    public string? GetNonEmpty(string name) => Get(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}

using VirtRigaud.Provider.Sdk.Logging;
using VirtRigaud.Provider.Sdk.Security;

namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// Reads the environment variables of API-REFERENCE §6.1–6.2 into <see cref="ProviderRuntimeOptions"/>. Unset or blank
/// variables keep the defaults; a value that does not parse is an error (exit 2) rather than a silent default.
/// Pure apart from reading the given environment.
/// </summary>
internal static class ProviderConfiguration
{
    /// <summary><paramref name="options"/> (from the flags) with the environment applied; every problem is added to <paramref name="errors"/>.</summary>
    public static ProviderRuntimeOptions ApplyEnvironment(ProviderRuntimeOptions options, ProviderEnvironment environment, List<string> errors)
    {
        var level = options.LogLevel;
        if (environment.GetNonEmpty(ProviderEnvironmentVariables.LogLevel) is { } levelText && !ProviderLogging.TryParseLevel(levelText, out level))
        {
            errors.Add($"{ProviderEnvironmentVariables.LogLevel}={levelText} is not one of debug, info, warn, error");
            level = options.LogLevel;
        }

        var format = options.LogFormat;
        if (environment.GetNonEmpty(ProviderEnvironmentVariables.LogFormat) is { } formatText && !ProviderLogging.TryParseFormat(formatText, out format))
        {
            errors.Add($"{ProviderEnvironmentVariables.LogFormat}={formatText} is not one of text, json");
            format = options.LogFormat;
        }

        return options with
        {
            ProviderType = environment.GetNonEmpty(ProviderEnvironmentVariables.ProviderType)?.Trim(),
            ProviderEndpoint = environment.GetNonEmpty(ProviderEnvironmentVariables.ProviderEndpoint)?.Trim(),
            ProviderNamespace = environment.GetNonEmpty(ProviderEnvironmentVariables.ProviderNamespace)?.Trim(),
            ProviderName = environment.GetNonEmpty(ProviderEnvironmentVariables.ProviderName)?.Trim(),
            TlsEnabled = ParseBool(environment, ProviderEnvironmentVariables.TlsEnabled, errors),
            TlsInsecureSkipVerify = ParseBool(environment, ProviderEnvironmentVariables.TlsInsecureSkipVerify, errors) ?? false,
            LogLevel = level,
            LogFormat = format,
            Defaults = new ProviderDefaults
            {
                Datastore = environment.GetNonEmpty(ProviderEnvironmentVariables.DefaultDatastore)?.Trim(),
                StoragePod = environment.GetNonEmpty(ProviderEnvironmentVariables.DefaultStoragePod)?.Trim(),
                Cluster = environment.GetNonEmpty(ProviderEnvironmentVariables.DefaultCluster)?.Trim(),
                Folder = environment.GetNonEmpty(ProviderEnvironmentVariables.DefaultFolder)?.Trim(),
            },
            AllowedSans = ClientCertificateAuthorizer.ParseAllowList(environment.Get(ProviderEnvironmentVariables.AllowedSans)),
            InsecureOptIn = ProviderTls.IsInsecureOptIn(environment.Get(ProviderEnvironmentVariables.Insecure)),
        };
    }

    /// <summary>Go's <c>strconv.ParseBool</c>: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False; <c>null</c> when unset or blank.</summary>
    internal static bool? ParseBool(ProviderEnvironment environment, string name, List<string> errors)
    {
        if (environment.GetNonEmpty(name) is not { } text)
        {
            return null;
        }

        switch (text.Trim())
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                return false;
            default:
                errors.Add($"{name}={text} is not a boolean (true or false)");
                return null;
        }
    }
}

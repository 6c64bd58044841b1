using System.Globalization;
using Microsoft.Extensions.Logging;
using VirtRigaud.Provider.Sdk.Credentials;

namespace VirtRigaud.Provider.Sdk.Logging;

/// <summary>The provider's logger factory: one line per entry in the <c>LOG_FORMAT</c> shape, at <c>LOG_LEVEL</c>, masked.</summary>
internal static class ProviderLogging
{
    /// <summary>
    /// A logger factory writing to <paramref name="output"/>. ASP.NET Core's own categories are held at Warning unless
    /// the level is Debug or lower (it logs every request at Information). <paramref name="configure"/> may add more
    /// providers (tests).
    /// </summary>
    public static ILoggerFactory Create(
        LogLevel level,
        ProviderLogFormat format,
        SecretRedactor redactor,
        TimeProvider time,
        TextWriter output,
        Action<ILoggingBuilder>? configure = null) =>
        LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(level);
            if (level > LogLevel.Debug)
            {
                logging.AddFilter("Microsoft", LogLevel.Warning);
            }

            logging.AddProvider(new ProviderLoggerProvider(ProviderLogFormatter.For(format, redactor, time), output));
            configure?.Invoke(logging);
        });

    /// <summary>Parses <c>LOG_LEVEL</c>: trace, debug, info, warn (or warning), error; case-insensitive. Empty means info.</summary>
    public static bool TryParseLevel(string? value, out LogLevel level)
    {
        level = (value ?? "").Trim().ToLower(CultureInfo.InvariantCulture) switch
        {
            "" or "info" or "information" => LogLevel.Information,
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "warn" or "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => LogLevel.None,
        };
        return level != LogLevel.None;
    }

    /// <summary>Parses <c>LOG_FORMAT</c>: text or json, case-insensitive. Empty means text.</summary>
    public static bool TryParseFormat(string? value, out ProviderLogFormat format)
    {
        switch ((value ?? "").Trim().ToLower(CultureInfo.InvariantCulture))
        {
            case "" or "text":
                format = ProviderLogFormat.Text;
                return true;
            case "json":
                format = ProviderLogFormat.Json;
                return true;
            default:
                format = ProviderLogFormat.Text;
                return false;
        }
    }
}

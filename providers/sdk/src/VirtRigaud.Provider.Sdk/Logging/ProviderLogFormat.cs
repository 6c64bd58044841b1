namespace VirtRigaud.Provider.Sdk.Logging;

/// <summary>The shape of log lines on standard output (<c>LOG_FORMAT</c>).</summary>
public enum ProviderLogFormat
{
    /// <summary><c>text</c>: one logfmt line per entry (<c>time=… level=INFO msg="…" key=value</c>), like Go's slog text handler.</summary>
    Text = 0,

    /// <summary><c>json</c>: one JSON object per line (<c>{"time":…,"level":"INFO","msg":…}</c>), like Go's slog JSON handler.</summary>
    Json,
}

using System.Reflection;
using System.Runtime.InteropServices;

namespace VirtRigaud.Client.Rest;

/// <summary>The default <c>User-Agent</c>: <c>virtrigaud-client/&lt;version&gt; (&lt;os&gt;/&lt;arch&gt;)</c> with Go's os/arch names, as client-go's <c>DefaultKubernetesUserAgent</c>.</summary>
public static class UserAgent
{
    /// <summary>The product token.</summary>
    public const string Product = "virtrigaud-client";

    /// <summary>The default value, e.g. <c>virtrigaud-client/0.1.0 (linux/amd64)</c>.</summary>
    public static string Default { get; } = $"{Product}/{Version()} ({Os()}/{Arch()})";

    private static string Version()
    {
        var version = typeof(UserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

        // "1.2.3+<commit>": the build metadata is noise in a header.
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    private static string Os() =>
        OperatingSystem.IsLinux() ? "linux"
        : OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() ? "darwin"
        : OperatingSystem.IsFreeBSD() ? "freebsd"
        : RuntimeInformation.OSDescription.ToLowerInvariant();

    private static string Arch() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.X86 => "386",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        Architecture.LoongArch64 => "loong64",
        var other => other.ToString().ToLowerInvariant(),
    };
}

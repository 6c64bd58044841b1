using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace VirtRigaud.Apiserver.Health;

/// <summary>
/// The version this server reports. It claims the Kubernetes API level it implements, 1.33 (the newest kubectl the
/// machine's kubectl dispatcher ships, so users get a matching client), and carries our own version as a semver
/// pre-release: <c>v1.33.0-virtrigaud.&lt;version&gt;</c>. Immutable.
/// </summary>
public static class ServerVersion
{
    /// <summary>The Kubernetes major version implemented.</summary>
    public const string KubernetesMajor = "1";

    /// <summary>The Kubernetes minor version implemented.</summary>
    public const string KubernetesMinor = "33";

    private static readonly Lazy<VersionInfo> Lazy = new(Build);

    /// <summary>The document <c>GET /version</c> returns.</summary>
    public static VersionInfo Info => Lazy.Value;

    private static VersionInfo Build()
    {
        var assembly = typeof(ServerVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";

        // The SDK appends "+<commit>" to the informational version when it knows the source revision.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var ours = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "" : informational[(plus + 1)..];
        var built = string.IsNullOrEmpty(assembly.Location) ? DateTime.UnixEpoch : File.GetLastWriteTimeUtc(assembly.Location);
        return new VersionInfo
        {
            Major = KubernetesMajor,
            Minor = KubernetesMinor,
            EmulationMajor = KubernetesMajor,
            EmulationMinor = KubernetesMinor,
            MinCompatibilityMajor = KubernetesMajor,
            MinCompatibilityMinor = (int.Parse(KubernetesMinor, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture),
            GitVersion = $"v{KubernetesMajor}.{KubernetesMinor}.0-virtrigaud.{ours}",
            GitCommit = commit,
            GitTreeState = "",
            BuildDate = built.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            GoVersion = RuntimeInformation.FrameworkDescription,
            Compiler = "dotnet",
            Platform = Platform(),
        };
    }

    private static string Platform()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "unknown";
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "386",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };
        return os + "/" + arch;
    }
}

using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// Which binary a Local Provider runs, and the defaults the manager adds for it. Pure apart from file lookups.
/// <list type="table">
/// <listheader><term>spec.type</term><description>looked for in <c>--provider-binary-dir</c> (one directory, or several
/// separated by <c>:</c> like PATH, searched in order)</description></listheader>
/// <item><term>mock</term><description><c>virtrigaud-provider-mock</c> (an executable, e.g. the .NET apphost), else
/// <c>virtrigaud-provider-mock.dll</c> run by the manager's own dotnet host; with <c>VIRTRIGAUD_MOCK_STATE_FILE</c> and
/// <c>VIRTRIGAUD_MOCK_DATA_DIR</c> in the Provider's directory so its VMs survive restarts</description></item>
/// <item><term>libvirt, vsphere, proxmox, …</term><description><c>virtrigaud-provider-&lt;type&gt;</c>, else its <c>.dll</c></description></item>
/// </list>
/// </summary>
public static class LocalProviderBinaries
{
    /// <summary>The binary's file name for <paramref name="type"/> (without <c>.dll</c>).</summary>
    public static string FileName(ProviderType type) => "virtrigaud-provider-" + ProviderRuntimeNames.TypeName(type);

    /// <summary>The Provider's directory under the state directory (TLS files, the mock's state).</summary>
    public static string InstanceDirectory(LocalProviderOptions options, string @namespace, string name) =>
        Path.Combine(options.StateDirectory, "providers", @namespace, name);

    /// <summary>The directories of a <c>--provider-binary-dir</c> value (one, or several separated by <c>:</c>), in search order.</summary>
    public static IReadOnlyList<string> Directories(string directories) =>
        directories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The command that runs the provider for <paramref name="type"/> from the first of <paramref name="directories"/>
    /// that has it: the executable, or the dotnet host with the <c>.dll</c> as its first argument; null when no
    /// directory has either file.
    /// </summary>
    public static LocalProviderCommand? Resolve(string directories, ProviderType type)
    {
        foreach (var directory in Directories(directories))
        {
            var executable = Path.Combine(directory, FileName(type));
            if (File.Exists(executable))
            {
                return new LocalProviderCommand { FileName = executable, Arguments = [], Binary = executable, DotnetRoot = DotnetRoot() };
            }

            var dll = executable + ".dll";
            if (File.Exists(dll))
            {
                return new LocalProviderCommand { FileName = DotnetHost(), Arguments = [dll], Binary = dll, DotnetRoot = DotnetRoot() };
            }
        }

        return null;
    }

    /// <summary>The paths <see cref="Resolve"/> looks at, for the "not found" message.</summary>
    public static string Candidates(string directories, ProviderType type) =>
        string.Join(", ", Directories(directories).Select(d => Path.Combine(d, FileName(type))).Select(e => $"{e} or {e}.dll"));

    /// <summary>Variables the manager sets for this type before <c>spec.runtime.env</c> (which may override them).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Defaults(ProviderType type, string instanceDirectory) => type switch
    {
        ProviderType.Mock =>
        [
            new("VIRTRIGAUD_MOCK_STATE_FILE", Path.Combine(instanceDirectory, "mock-state.json")),
            new("VIRTRIGAUD_MOCK_DATA_DIR", Path.Combine(instanceDirectory, "data")),
        ],
        _ => [],
    };

    /// <summary>
    /// The dotnet host that runs this manager (so a provider <c>.dll</c> runs on the same runtime): the process itself
    /// when it is <c>dotnet</c>, else <c>$DOTNET_HOST_PATH</c>, else <c>dotnet</c> in the runtime's root, else <c>dotnet</c> on PATH.
    /// </summary>
    public static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        return DotnetRoot() is { } root && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet";
    }

    /// <summary>
    /// The root of the .NET installation this manager runs on (…/shared/Microsoft.NETCore.App/&lt;version&gt;/ → …),
    /// given to an apphost as <c>DOTNET_ROOT</c> so it finds the runtime wherever it is installed.
    /// </summary>
    public static string? DotnetRoot()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } configured)
        {
            return configured;
        }

        var coreLib = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = coreLib is null ? null : Directory.GetParent(coreLib)?.Parent?.Parent?.FullName;
        return root is not null && Directory.Exists(Path.Combine(root, "shared")) ? root : null;
    }
}

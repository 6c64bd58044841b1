using System.Text.Json;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Client.Configuration;

/// <summary>
/// Reads kubeconfig files and merges several of them exactly as kubectl (client-go's <c>clientcmd</c> loading rules):
/// <list type="bullet">
/// <item>the files are <c>--kubeconfig</c> (must exist), else the <c>KUBECONFIG</c> list (separated by
/// <see cref="Path.PathSeparator"/>; empty entries and duplicates dropped; files that do not exist skipped), else
/// <c>~/.kube/config</c> (skipped when missing);</item>
/// <item>clusters, users and contexts: per name, the entry of the FIRST file that has the name wins, whole (entries are
/// not merged field by field); within one file the last entry of a name wins, as client-go decodes it;</item>
/// <item><c>current-context</c> (and <c>preferences</c>): the first file that sets a non-empty value wins;</item>
/// <item>relative paths (<c>certificate-authority</c>, <c>client-certificate</c>, <c>client-key</c>, <c>tokenFile</c>,
/// an exec <c>command</c> containing a path separator) are resolved against the directory of the file that holds
/// them, before merging.</item>
/// </list>
/// Stateless and thread-safe.
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>The environment variable holding the list of kubeconfig files.</summary>
    public const string EnvironmentVariable = "KUBECONFIG";

    /// <summary>
    /// The files kubectl would read: <c>KUBECONFIG</c>'s entries (deduplicated, in order), or <c>$HOME/.kube/config</c>.
    /// <paramref name="getEnvironmentVariable"/> replaces <see cref="Environment.GetEnvironmentVariable(string)"/> (tests).
    /// </summary>
    public static IReadOnlyList<string> DefaultPaths(Func<string, string?>? getEnvironmentVariable = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        var list = env(EnvironmentVariable);
        if (!string.IsNullOrEmpty(list))
        {
            return list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }

        var home = env("HOME") ?? env("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return [Path.Combine(home, ".kube", "config")];
    }

    /// <summary>
    /// Loads and merges <paramref name="paths"/> (see the type's rules). Files that do not exist are skipped; none
    /// existing gives an empty config.
    /// </summary>
    /// <exception cref="KubeconfigException">A file exists but cannot be read or parsed.</exception>
    public static Kubeconfig Load(IEnumerable<string> paths)
    {
        var configs = new List<Kubeconfig>();
        foreach (var path in paths.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (File.Exists(path))
            {
                configs.Add(LoadFile(path));
            }
        }

        return Merge(configs);
    }

    /// <summary>Loads the default files (<see cref="DefaultPaths"/>), merged.</summary>
    public static Kubeconfig LoadDefault(Func<string, string?>? getEnvironmentVariable = null) => Load(DefaultPaths(getEnvironmentVariable));

    /// <summary>Loads one file, which must exist; relative paths in it are resolved against its directory.</summary>
    /// <exception cref="KubeconfigException">The file is missing, unreadable or not a kubeconfig.</exception>
    public static Kubeconfig LoadFile(string path)
    {
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"cannot read kubeconfig {full}: {e.Message}", e);
        }

        return Parse(text, Path.GetDirectoryName(full), full);
    }

    /// <summary>
    /// Parses kubeconfig YAML (or JSON). Relative paths are resolved against <paramref name="baseDirectory"/> when
    /// given, and left as they are otherwise. <paramref name="origin"/> names the source in error messages.
    /// </summary>
    /// <exception cref="KubeconfigException">The text is not a kubeconfig.</exception>
    public static Kubeconfig Parse(string yaml, string? baseDirectory = null, string origin = "kubeconfig")
    {
        Kubeconfig? config;
        try
        {
            var documents = KubernetesYaml.ReadDocuments(yaml);
            config = documents.Count == 0
                ? new Kubeconfig()
                : documents[0].Deserialize(KubeconfigJsonContext.Default.Kubeconfig);
        }
        catch (Exception e) when (e is YamlFormatException or JsonException or InvalidOperationException)
        {
            throw new KubeconfigException($"error loading config file \"{origin}\": {e.Message}", e);
        }

        config ??= new Kubeconfig();
        return baseDirectory is null ? config : ResolveLocalPaths(config, baseDirectory);
    }

    /// <summary>Merges already loaded configs, earlier ones winning (see the type's rules).</summary>
    public static Kubeconfig Merge(IEnumerable<Kubeconfig> configs)
    {
        var clusters = new List<NamedCluster>();
        var users = new List<NamedUser>();
        var contexts = new List<NamedContext>();
        var clusterNames = new HashSet<string>(StringComparer.Ordinal);
        var userNames = new HashSet<string>(StringComparer.Ordinal);
        var contextNames = new HashSet<string>(StringComparer.Ordinal);
        string? currentContext = null;
        System.Text.Json.Nodes.JsonObject? preferences = null;
        var any = false;
        foreach (var config in configs)
        {
            any = true;
            AddFirst(clusters, clusterNames, LastPerName(config.Clusters, c => c.Name));
            AddFirst(users, userNames, LastPerName(config.Users, u => u.Name));
            AddFirst(contexts, contextNames, LastPerName(config.Contexts, c => c.Name));
            if (string.IsNullOrEmpty(currentContext) && !string.IsNullOrEmpty(config.CurrentContext))
            {
                currentContext = config.CurrentContext;
            }

            preferences ??= config.Preferences;
        }

        return any
            ? new Kubeconfig { Clusters = clusters, Users = users, Contexts = contexts, CurrentContext = currentContext, Preferences = preferences }
            : new Kubeconfig();

        static void AddFirst<T>(List<T> into, HashSet<string> names, IEnumerable<(string Name, T Entry)> entries)
        {
            foreach (var (name, entry) in entries)
            {
                if (names.Add(name))
                {
                    into.Add(entry);
                }
            }
        }
    }

    // Within one file the last entry of a name wins (client-go converts the list into a map in order).
    private static IEnumerable<(string Name, T Entry)> LastPerName<T>(IReadOnlyList<T> entries, Func<T, string> name)
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            last[name(entries[i])] = i;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (last[name(entries[i])] == i)
            {
                yield return (name(entries[i]), entries[i]);
            }
        }
    }

    private static Kubeconfig ResolveLocalPaths(Kubeconfig config, string directory) => config with
    {
        Clusters = config.Clusters.Select(c => c with
        {
            Cluster = c.Cluster with { CertificateAuthority = Resolve(c.Cluster.CertificateAuthority, directory) },
        }).ToList(),
        Users = config.Users.Select(u => u with
        {
            User = u.User with
            {
                ClientCertificate = Resolve(u.User.ClientCertificate, directory),
                ClientKey = Resolve(u.User.ClientKey, directory),
                TokenFile = Resolve(u.User.TokenFile, directory),
                Exec = u.User.Exec is { } exec && ContainsSeparator(exec.Command)
                    ? exec with { Command = Resolve(exec.Command, directory)! }
                    : u.User.Exec,
            },
        }).ToList(),
    };

    private static bool ContainsSeparator(string command) =>
        command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
        command.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal);

    private static string? Resolve(string? path, string directory) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));
}

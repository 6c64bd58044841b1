using VirtRigaud.Client.Configuration;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Configuration;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Config(string clusters = "", string users = "", string contexts = "", string? current = null) => $"""
        apiVersion: v1
        kind: Config
        {(current is null ? "" : "current-context: " + current)}
        clusters:
        {clusters}
        users:
        {users}
        contexts:
        {contexts}
        """;

    private static string Cluster(string name, string server) => $"""
        - name: {name}
          cluster:
            server: {server}
        """;

    private static string Context(string name, string cluster, string user, string? ns = null) => $"""
        - name: {name}
          context:
            cluster: {cluster}
            user: {user}
        {(ns is null ? "" : "    namespace: " + ns)}
        """;

    // kubectl's merge rules (clientcmd.ClientConfigLoadingRules.Load), one row per rule:
    // files in KUBECONFIG order → what the merged config must say.
    public static TheoryData<string, string[], string, string> MergeCases() => new()
    {
        {
            "first file wins per cluster name",
            [Config(clusters: Cluster("a", "https://one")), Config(clusters: Cluster("a", "https://two") + "\n" + Cluster("b", "https://b"))],
            "a,b", "a=https://one b=https://b"
        },
        {
            "clusters of later files are added",
            [Config(clusters: Cluster("xa", "https://x")), Config(clusters: Cluster("yb", "https://y"))],
            "xa,yb", "xa=https://x yb=https://y"
        },
        {
            "within one file the last entry of a name wins",
            [Config(clusters: Cluster("a", "https://first") + "\n" + Cluster("a", "https://last"))],
            "a", "a=https://last"
        },
    };

    [Theory]
    [MemberData(nameof(MergeCases))]
    public void Load_SeveralFiles_MergesClustersAsKubectl(string rule, string[] files, string names, string servers)
    {
        var paths = files.Select((content, i) => _dir.Write($"f{i}/config", content)).ToList();

        var merged = KubeconfigLoader.Load(paths);

        Assert.True(string.Join(",", merged.Clusters.Select(c => c.Name)) == names, rule);
        Assert.Equal(servers, string.Join(" ", merged.Clusters.Select(c => $"{c.Name}={c.Cluster.Server}")));
    }

    [Fact]
    public void Load_SameUserInTwoFiles_KeepsTheFirstEntryWhole()
    {
        var first = _dir.Write("1/config", Config(users: "- name: u\n  user:\n    token: first-token"));
        var second = _dir.Write("2/config", Config(users: "- name: u\n  user:\n    username: bob\n    password: pw"));

        var user = KubeconfigLoader.Load([first, second]).FindUser("u")!;

        Assert.Equal("first-token", user.Token);
        Assert.Null(user.Username);
        Assert.Null(user.Password);
    }

    [Theory]
    [InlineData(new[] { null, "second", "third" }, "second")]
    [InlineData(new[] { "first", "second", null }, "first")]
    [InlineData(new[] { "", "", "third" }, "third")]
    [InlineData(new string?[] { null, null, null }, null)]
    public void Load_CurrentContext_ComesFromTheFirstFileThatSetsIt(string?[] currents, string? expected)
    {
        var paths = currents.Select((c, i) => _dir.Write($"c{i}/config", Config(current: c is null ? null : c.Length == 0 ? "\"\"" : c))).ToList();

        Assert.Equal(expected, KubeconfigLoader.Load(paths).CurrentContext);
    }

    [Fact]
    public void Load_MissingFiles_AreSkipped()
    {
        var present = _dir.Write("present/config", Config(clusters: Cluster("a", "https://a")));

        var merged = KubeconfigLoader.Load([Path.Combine(_dir.Path, "missing"), present, Path.Combine(_dir.Path, "also-missing")]);

        Assert.Single(merged.Clusters);
    }

    [Fact]
    public void LoadFile_RelativePaths_AreResolvedAgainstTheFilesDirectory()
    {
        var path = _dir.Write("home/kube/config", """
            clusters:
            - name: c
              cluster:
                server: https://c
                certificate-authority: pki/ca.crt
            users:
            - name: u
              user:
                client-certificate: ../certs/client.crt
                client-key: /abs/client.key
                tokenFile: token
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./bin/plugin
                  interactiveMode: Never
            - name: bare
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: kubelogin
                  interactiveMode: Never
            """);
        var kube = Path.Combine(_dir.Path, "home", "kube");

        var config = KubeconfigLoader.LoadFile(path);

        Assert.Equal(Path.Combine(kube, "pki", "ca.crt"), config.FindCluster("c")!.CertificateAuthority);
        var user = config.FindUser("u")!;
        Assert.Equal(Path.Combine(_dir.Path, "home", "certs", "client.crt"), user.ClientCertificate);
        Assert.Equal("/abs/client.key", user.ClientKey);
        Assert.Equal(Path.Combine(kube, "token"), user.TokenFile);
        Assert.Equal(Path.Combine(kube, "bin", "plugin"), user.Exec!.Command);
        Assert.Equal("kubelogin", config.FindUser("bare")!.Exec!.Command);
    }

    [Fact]
    public void Load_RelativePathsInTwoFiles_EachResolvedAgainstItsOwnFile()
    {
        var first = _dir.Write("a/config", "clusters:\n- name: one\n  cluster:\n    server: https://one\n    certificate-authority: ca.crt");
        var second = _dir.Write("b/config", "clusters:\n- name: two\n  cluster:\n    server: https://two\n    certificate-authority: ca.crt");

        var merged = KubeconfigLoader.Load([first, second]);

        Assert.Equal(Path.Combine(_dir.Path, "a", "ca.crt"), merged.FindCluster("one")!.CertificateAuthority);
        Assert.Equal(Path.Combine(_dir.Path, "b", "ca.crt"), merged.FindCluster("two")!.CertificateAuthority);
    }

    [Fact]
    public void DefaultPaths_KubeconfigVariable_SplitsDeduplicatesAndDropsEmptyEntries()
    {
        var sep = Path.PathSeparator;
        var env = new Dictionary<string, string?> { ["KUBECONFIG"] = $"/a/config{sep}{sep}/b/config{sep}/a/config" };

        var paths = KubeconfigLoader.DefaultPaths(name => env.GetValueOrDefault(name));

        Assert.Equal(["/a/config", "/b/config"], paths);
    }

    [Fact]
    public void DefaultPaths_NoKubeconfigVariable_IsHomeKubeConfig()
    {
        var paths = KubeconfigLoader.DefaultPaths(name => name == "HOME" ? "/home/me" : null);

        Assert.Equal([Path.Combine("/home/me", ".kube", "config")], paths);
    }

    [Fact]
    public void LoadFile_BrokenYaml_ThrowsNamingTheFile()
    {
        var path = _dir.Write("broken", "clusters: [ {");

        var e = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.LoadFile(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_MissingFile_Throws()
    {
        Assert.Throws<KubeconfigException>(() => KubeconfigLoader.LoadFile(Path.Combine(_dir.Path, "nope")));
    }

    [Fact]
    public void Parse_Base64Data_DecodesToBytes()
    {
        var config = KubeconfigLoader.Parse("""
            clusters:
            - name: c
              cluster:
                server: https://c
                certificate-authority-data: aGVsbG8=
                insecure-skip-tls-verify: false
                tls-server-name: api.internal
            """);

        var cluster = config.FindCluster("c")!;
        Assert.Equal("hello"u8.ToArray(), cluster.CertificateAuthorityData);
        Assert.Equal("api.internal", cluster.TlsServerName);
        Assert.False(cluster.InsecureSkipTlsVerify);
    }

    [Fact]
    public void ToString_UserWithSecrets_RedactsThem()
    {
        var config = KubeconfigLoader.Parse("""
            users:
            - name: u
              user:
                token: super-secret-token
                password: super-secret-password
                client-key-data: c3VwZXItc2VjcmV0LWtleQ==
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: plugin
                  interactiveMode: Never
                  env:
                  - name: API_KEY
                    value: super-secret-env
            """);

        var text = config.FindUser("u")!.ToString() + config.ToString();

        Assert.DoesNotContain("super-secret", text, StringComparison.Ordinal);
        Assert.Contains("API_KEY", text, StringComparison.Ordinal);
    }
}

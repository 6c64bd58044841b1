using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Configuration;

/// <summary>
/// Everything a client needs to reach one API server (client-go's <c>rest.Config</c>): the server and how to trust it,
/// the credentials, the default namespace, and the client's behaviour (QPS/burst, request timeout, retries, user agent,
/// warning handler). Build it from a kubeconfig (<see cref="FromKubeconfig"/>, <see cref="LoadKubeconfig"/>), from the
/// pod's service account (<see cref="InCluster"/>), or with <see cref="LoadDefault"/> as controllers do. Immutable;
/// <see cref="ToString"/> redacts secrets.
/// </summary>
public sealed record KubernetesClientConfiguration
{
    /// <summary>client-go's default sustained request rate.</summary>
    public const float DefaultQps = 5;

    /// <summary>client-go's default burst.</summary>
    public const int DefaultBurst = 10;

    /// <summary>client-go retries a 429/5xx that carries <c>Retry-After</c> up to this many times.</summary>
    public const int DefaultMaxRetries = 10;

    /// <summary>How long a non-watch request may take, headers and body, unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How often a token file is re-read (client-go's cachingTokenSource period).</summary>
    public static readonly TimeSpan DefaultTokenFileRefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>The API server URL (scheme, host, port and an optional path prefix).</summary>
    public required Uri Server { get; init; }

    /// <summary>The default namespace of namespaced clients (the context's or the pod's namespace).</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>The name the serving certificate must carry, instead of the URL's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Accept any serving certificate. Insecure; only for tests and first contact.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The CA bundle the serving certificate must chain to (and only to); null trusts the system store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>The client certificate, with its private key.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>A static bearer token. Secret.</summary>
    public string? BearerToken { get; init; }

    /// <summary>A file holding the bearer token, re-read every <see cref="TokenFileRefreshInterval"/> (rotating tokens).</summary>
    public string? BearerTokenFile { get; init; }

    /// <summary>An exec credential plugin producing a token or a client certificate.</summary>
    public ExecConfig? Exec { get; init; }

    /// <summary>Basic-auth user (legacy).</summary>
    public string? Username { get; init; }

    /// <summary>Basic-auth password (legacy). Secret.</summary>
    public string? Password { get; init; }

    /// <summary>Act as another user.</summary>
    public Impersonation? Impersonate { get; init; }

    /// <summary>An explicit proxy (<c>http</c>, <c>https</c>, <c>socks5</c>); null uses the environment's (<c>HTTPS_PROXY</c>…).</summary>
    public Uri? Proxy { get; init; }

    /// <summary>Do not ask for gzip-compressed responses.</summary>
    public bool DisableCompression { get; init; }

    /// <summary>The <c>User-Agent</c>; null sends <c>virtrigaud-client/&lt;version&gt; (&lt;os&gt;/&lt;arch&gt;)</c>.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Sustained requests per second of one client (token bucket); a negative value disables the limit.</summary>
    public float Qps { get; init; } = DefaultQps;

    /// <summary>Requests allowed in a burst above <see cref="Qps"/>.</summary>
    public int Burst { get; init; } = DefaultBurst;

    /// <summary>Time limit of a non-watch request; <see cref="Timeout.InfiniteTimeSpan"/> for none. Watches are exempt.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>How many times a 429/5xx answer with <c>Retry-After</c> is retried; 0 disables retries.</summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>How often <see cref="BearerTokenFile"/> is re-read.</summary>
    public TimeSpan TokenFileRefreshInterval { get; init; } = DefaultTokenFileRefreshInterval;

    /// <summary>Receives every <c>Warning</c> header; null logs them (once per distinct text) through the client's logger.</summary>
    public Action<KubernetesWarning>? WarningHandler { get; init; }

    /// <summary>The kubeconfig context this came from, for messages; null in-cluster or when built by hand.</summary>
    public string? ContextName { get; init; }

    /// <summary>Checks the values; called by the client before first use.</summary>
    /// <exception cref="KubeconfigException">A value is out of range or the credentials contradict each other.</exception>
    public void Validate()
    {
        if (!Server.IsAbsoluteUri || (Server.Scheme != Uri.UriSchemeHttps && Server.Scheme != Uri.UriSchemeHttp))
        {
            throw new KubeconfigException($"invalid configuration: server {Server} must be an absolute http or https URL");
        }

        if (InsecureSkipTlsVerify && CertificateAuthorities is { Count: > 0 })
        {
            throw new KubeconfigException("invalid configuration: specifying a root certificates file with the insecure flag is not allowed");
        }

        if (ClientCertificate is { HasPrivateKey: false })
        {
            throw new KubeconfigException("invalid configuration: the client certificate has no private key");
        }

        var tokenSources = (BearerToken is null ? 0 : 1) + (BearerTokenFile is null ? 0 : 1) + (Exec is null ? 0 : 1);
        if (BearerToken is not null && BearerTokenFile is not null)
        {
            throw new KubeconfigException("invalid configuration: a bearer token and a token file are both set");
        }

        if (Username is not null && tokenSources > 0)
        {
            throw new KubeconfigException("invalid configuration: basic authentication and a bearer token are both set");
        }

        if (Qps == 0 || float.IsNaN(Qps))
        {
            throw new KubeconfigException("invalid configuration: Qps must be positive, or negative to disable rate limiting");
        }

        if (Qps > 0 && Burst < 1)
        {
            throw new KubeconfigException("invalid configuration: Burst must be at least 1 when rate limiting is on");
        }

        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && Timeout <= TimeSpan.Zero)
        {
            throw new KubeconfigException("invalid configuration: Timeout must be positive or infinite");
        }

        if (MaxRetries < 0)
        {
            throw new KubeconfigException("invalid configuration: MaxRetries must not be negative");
        }

        if (TokenFileRefreshInterval <= TimeSpan.Zero)
        {
            throw new KubeconfigException("invalid configuration: TokenFileRefreshInterval must be positive");
        }
    }

    /// <summary>
    /// The configuration controllers use (controller-runtime's order): the files in <c>KUBECONFIG</c> when it is set;
    /// else the pod's service account when <c>KUBERNETES_SERVICE_HOST</c>/<c>PORT</c> are set; else
    /// <c>~/.kube/config</c>.
    /// </summary>
    /// <exception cref="KubeconfigException">None of them gives a usable configuration.</exception>
    public static KubernetesClientConfiguration LoadDefault(
        KubeconfigOverrides? overrides = null,
        Func<string, string?>? getEnvironmentVariable = null,
        InClusterPaths? inClusterPaths = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        if (string.IsNullOrEmpty(env(KubeconfigLoader.EnvironmentVariable)) && InClusterConfiguration.IsInCluster(env))
        {
            var inCluster = InCluster(inClusterPaths, env);
            return overrides?.Namespace is { Length: > 0 } ns ? inCluster with { Namespace = ns } : inCluster;
        }

        return FromKubeconfig(KubeconfigLoader.LoadDefault(env), overrides);
    }

    /// <summary>Loads one kubeconfig file (which must exist) and builds the configuration of its (or the overridden) context.</summary>
    public static KubernetesClientConfiguration LoadKubeconfig(string path, KubeconfigOverrides? overrides = null) =>
        FromKubeconfig(KubeconfigLoader.LoadFile(path), overrides);

    /// <summary>The pod's service-account configuration (see <see cref="InClusterConfiguration"/>).</summary>
    public static KubernetesClientConfiguration InCluster(InClusterPaths? paths = null, Func<string, string?>? getEnvironmentVariable = null) =>
        InClusterConfiguration.Load(paths, getEnvironmentVariable);

    /// <summary>
    /// Builds the configuration of one context of a (merged) kubeconfig: the context is
    /// <see cref="KubeconfigOverrides.Context"/> or <c>current-context</c>; its cluster and user may be overridden too.
    /// Certificate and key files are read now.
    /// </summary>
    /// <exception cref="KubeconfigException">The context, cluster or user does not exist, the cluster has no server, or a file cannot be read.</exception>
    public static KubernetesClientConfiguration FromKubeconfig(Kubeconfig config, KubeconfigOverrides? overrides = null)
    {
        overrides ??= KubeconfigOverrides.None;
        var contextName = NonEmpty(overrides.Context) ?? NonEmpty(config.CurrentContext);
        KubeconfigContext context;
        if (contextName is null)
        {
            if (overrides.Cluster is null && overrides.Server is null)
            {
                throw new KubeconfigException("invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable");
            }

            context = new KubeconfigContext();
        }
        else
        {
            context = config.FindContext(contextName)
                ?? throw new KubeconfigException($"context \"{contextName}\" does not exist");
        }

        var clusterName = NonEmpty(overrides.Cluster) ?? NonEmpty(context.Cluster);
        KubeconfigCluster cluster;
        if (clusterName is null)
        {
            cluster = overrides.Server is null
                ? throw new KubeconfigException($"invalid configuration: context \"{contextName}\" names no cluster")
                : new KubeconfigCluster();
        }
        else
        {
            cluster = config.FindCluster(clusterName)
                ?? throw new KubeconfigException($"cluster \"{clusterName}\" does not exist" + (contextName is null ? "" : $" (context \"{contextName}\")"));
        }

        var userName = NonEmpty(overrides.User) ?? NonEmpty(context.User);
        var user = userName is null
            ? new KubeconfigUser()
            : config.FindUser(userName) ?? throw new KubeconfigException($"user \"{userName}\" does not exist" + (contextName is null ? "" : $" (context \"{contextName}\")"));

        var server = NonEmpty(overrides.Server) ?? NonEmpty(cluster.Server)
            ?? throw new KubeconfigException($"invalid configuration: no server found for cluster \"{clusterName}\"");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var serverUri))
        {
            throw new KubeconfigException($"invalid configuration: server \"{server}\" of cluster \"{clusterName}\" is not a URL");
        }

        if (user.AuthProvider is not null)
        {
            throw new KubeconfigException($"user \"{userName}\" uses an auth-provider plugin, which this client does not support; configure an exec credential plugin instead");
        }

        var configuration = new KubernetesClientConfiguration
        {
            Server = serverUri,
            Namespace = NonEmpty(overrides.Namespace) ?? NonEmpty(context.Namespace) ?? "default",
            TlsServerName = NonEmpty(cluster.TlsServerName),
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify == true,
            CertificateAuthorities = LoadCertificateAuthorities(cluster, clusterName),
            ClientCertificate = LoadClientCertificate(user, userName),
            BearerToken = NonEmpty(user.Token),
            BearerTokenFile = NonEmpty(user.Token) is null ? NonEmpty(user.TokenFile) : null,
            Exec = user.Exec,
            Username = NonEmpty(user.Username),
            Password = user.Password,
            Impersonate = NonEmpty(user.Impersonate) is { } impersonate
                ? new Impersonation
                {
                    User = impersonate,
                    Uid = NonEmpty(user.ImpersonateUid),
                    Groups = user.ImpersonateGroups ?? [],
                    Extra = user.ImpersonateUserExtra ?? new Dictionary<string, IReadOnlyList<string>>(),
                }
                : null,
            Proxy = NonEmpty(cluster.ProxyUrl) is { } proxy
                ? Uri.TryCreate(proxy, UriKind.Absolute, out var proxyUri) ? proxyUri : throw new KubeconfigException($"invalid configuration: proxy-url \"{proxy}\" of cluster \"{clusterName}\" is not a URL")
                : null,
            DisableCompression = cluster.DisableCompression == true,
            ContextName = contextName,
        };
        configuration.Validate();
        return configuration;
    }

    /// <summary>Loads every certificate of a PEM bundle.</summary>
    /// <exception cref="KubeconfigException">The text holds no certificate or a broken one.</exception>
    public static X509Certificate2Collection LoadPemBundle(string pem, string origin)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeconfigException($"unable to load root certificates from {origin}: {e.Message}", e);
        }

        return collection.Count == 0
            ? throw new KubeconfigException($"unable to load root certificates from {origin}: no certificates found")
            : collection;
    }

    /// <summary>
    /// A client certificate with its key from PEM texts, usable by TLS on every platform (the key is imported into the
    /// certificate, not left ephemeral). Intermediates after the leaf in <paramref name="certificatePem"/> are ignored.
    /// </summary>
    /// <exception cref="KubeconfigException">The PEM texts are broken or do not belong together.</exception>
    public static X509Certificate2 LoadClientCertificatePem(string certificatePem, string keyPem, string origin)
    {
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // The exception text never contains key material; it names the failing PEM step.
            throw new KubeconfigException($"unable to load the client certificate of {origin}: {e.Message}", e);
        }
    }

    private static X509Certificate2Collection? LoadCertificateAuthorities(KubeconfigCluster cluster, string? clusterName)
    {
        if (cluster.CertificateAuthorityData is { Length: > 0 } data)
        {
            return LoadPemBundle(Encoding.UTF8.GetString(data), $"certificate-authority-data of cluster \"{clusterName}\"");
        }

        if (NonEmpty(cluster.CertificateAuthority) is { } file)
        {
            return LoadPemBundle(ReadFile(file, $"certificate-authority of cluster \"{clusterName}\""), file);
        }

        return null;
    }

    private static X509Certificate2? LoadClientCertificate(KubeconfigUser user, string? userName)
    {
        var certificate = user.ClientCertificateData is { Length: > 0 } certData
            ? Encoding.UTF8.GetString(certData)
            : NonEmpty(user.ClientCertificate) is { } certFile ? ReadFile(certFile, $"client-certificate of user \"{userName}\"") : null;
        var key = user.ClientKeyData is { Length: > 0 } keyData
            ? Encoding.UTF8.GetString(keyData)
            : NonEmpty(user.ClientKey) is { } keyFile ? ReadFile(keyFile, $"client-key of user \"{userName}\"") : null;
        return (certificate, key) switch
        {
            (null, null) => null,
            (not null, null) => throw new KubeconfigException($"invalid configuration: user \"{userName}\" has a client certificate but no client key"),
            (null, not null) => throw new KubeconfigException($"invalid configuration: user \"{userName}\" has a client key but no client certificate"),
            _ => LoadClientCertificatePem(certificate, key, $"user \"{userName}\""),
        };
    }

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"unable to read {what} from {path}: {e.Message}", e);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // Records print every property; tokens and passwords must never reach a log line.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Server = {Server}, Namespace = {Namespace}, Context = {ContextName}, ")
            .Append(CultureInfo.InvariantCulture, $"TlsServerName = {TlsServerName}, InsecureSkipTlsVerify = {InsecureSkipTlsVerify}, ")
            .Append(CultureInfo.InvariantCulture, $"CertificateAuthorities = {CertificateAuthorities?.Count ?? 0}, ")
            .Append(CultureInfo.InvariantCulture, $"ClientCertificate = {ClientCertificate?.Subject}, ")
            .Append("BearerToken = ").Append(BearerToken is null ? "null" : "<redacted>")
            .Append(CultureInfo.InvariantCulture, $", BearerTokenFile = {BearerTokenFile}, Exec = {Exec}, Username = {Username}, ")
            .Append("Password = ").Append(Password is null ? "null" : "<redacted>")
            .Append(CultureInfo.InvariantCulture, $", Impersonate = {Impersonate?.User}, Proxy = {Proxy}, Qps = {Qps}, Burst = {Burst}, Timeout = {Timeout}");
        return true;
    }
}

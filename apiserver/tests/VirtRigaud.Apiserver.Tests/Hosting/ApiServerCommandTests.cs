using VirtRigaud.Apiserver.Hosting;

namespace VirtRigaud.Apiserver.Tests.Hosting;

public sealed class ApiServerCommandTests
{
    [Fact]
    public async Task Parse_NoFlags_UsesTheDocumentedDefaults()
    {
        var options = await ParseAsync();

        Assert.Equal(8443, options.Port);
        Assert.Equal("127.0.0.1", options.BindAddress);
        Assert.Equal(".virtrigaud", options.DataDirectory);
        Assert.Empty(options.EtcdServers);
        Assert.Equal("/registry", options.EtcdPrefix);
        Assert.Equal(TimeSpan.FromMinutes(5), options.CompactionInterval);
        Assert.True(options.AnonymousAuth);
        Assert.True(options.StandaloneCoreApi);
        Assert.Equal(TimeSpan.FromHours(1), options.EventTtl);
        Assert.Null(options.TokenAuthFile);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), ".virtrigaud", "store.db"), options.SqlitePath);
    }

    [Fact]
    public async Task Parse_EveryFlag_MapsToOptions()
    {
        var options = await ParseAsync(
            "--port", "9443", "--bind-address", "0.0.0.0", "--data-dir", "/tmp/x",
            "--etcd-servers", "http://a:2379, https://b:2379", "--etcd-prefix", "/vr", "--etcd-cafile", "ca", "--etcd-certfile", "c", "--etcd-keyfile", "k",
            "--tls-cert-file", "t.crt", "--tls-private-key-file", "t.key", "--client-ca-file", "clients.pem", "--token-auth-file", "tokens.csv",
            "--authorization-policy-file", "policy.yaml", "--anonymous-auth=false", "--standalone-core-api=false", "--event-ttl", "2h",
            "--compaction-interval", "1m30s",
            "--shutdown-delay", "5s", "--shutdown-grace-period", "250ms");

        Assert.Equal(9443, options.Port);
        Assert.Equal("0.0.0.0", options.BindAddress);
        Assert.Equal("/tmp/x", options.DataDirectory);
        Assert.Equal(["http://a:2379", "https://b:2379"], options.EtcdServers);
        Assert.Equal(("/vr", "ca", "c", "k"), (options.EtcdPrefix, options.EtcdCaFile, options.EtcdCertFile, options.EtcdKeyFile));
        Assert.Equal(("t.crt", "t.key", "clients.pem"), (options.TlsCertFile, options.TlsPrivateKeyFile, options.ClientCaFile));
        Assert.Equal(("tokens.csv", "policy.yaml"), (options.TokenAuthFile, options.AuthorizationPolicyFile));
        Assert.False(options.AnonymousAuth);
        Assert.False(options.StandaloneCoreApi);
        Assert.Equal(TimeSpan.FromHours(2), options.EventTtl);
        Assert.Equal(TimeSpan.FromSeconds(90), options.CompactionInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ShutdownDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.ShutdownGracePeriod);
    }

    [Fact]
    public async Task Parse_BadDuration_FailsWithoutRunning()
    {
        var ran = false;
        var output = new StringWriter();
        var exitCode = await ApiServerCommand.Create((_, _) =>
        {
            ran = true;
            return Task.FromResult(0);
        }).Parse(["--compaction-interval", "soon"]).InvokeAsync(new() { Error = output, Output = output });

        Assert.False(ran);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("--compaction-interval: soon is not a duration", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("250ms", 250)]
    public void TryParseDuration_GoDuration_Parses(string text, long milliseconds)
    {
        Assert.True(ApiServerCommand.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5d")]
    [InlineData("m")]
    [InlineData("-5s")]
    public void TryParseDuration_NotADuration_Fails(string text) =>
        Assert.False(ApiServerCommand.TryParseDuration(text, out _));

    private static async Task<ApiServerOptions> ParseAsync(params string[] args)
    {
        ApiServerOptions? parsed = null;
        var output = new StringWriter();
        var exitCode = await ApiServerCommand.Create((options, _) =>
        {
            parsed = options;
            return Task.FromResult(0);
        }).Parse(args).InvokeAsync(new() { Error = output, Output = output });

        Assert.True(exitCode == 0, output.ToString());
        return parsed!;
    }
}

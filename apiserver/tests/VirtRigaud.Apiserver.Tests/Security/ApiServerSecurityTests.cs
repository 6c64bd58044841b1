using System.Net;
using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Security.Certificates;
using VirtRigaud.Apiserver.Tests.Testing;

namespace VirtRigaud.Apiserver.Tests.Security;

/// <summary>Authentication and authorization through a running server: what each kind of caller gets back.</summary>
public sealed class ApiServerSecurityTests : IAsyncLifetime
{
    private const string VirtualMachines = "/apis/infra.virtrigaud.io/v1beta1/namespaces/default/virtualmachines";

    private const string Policy = """
        rules:
        - groups: [dev]
          verbs: [get, list]
          apiGroups: [infra.virtrigaud.io]
          resources: [virtualmachines]
          namespaces: [default]
        - users: [alice]
          verbs: [list]
          apiGroups: [infra.virtrigaud.io]
          resources: [virtualmachines]
        """;

    private readonly string _files = Path.Combine(Path.GetTempPath(), "virtrigaud-security-" + Guid.NewGuid().ToString("N"));
    private TestApiServer? _server;

    private TestApiServer Server => _server!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_files);
        var tokens = Path.Combine(_files, "tokens.csv");
        var policy = Path.Combine(_files, "policy.yaml");
        await File.WriteAllTextAsync(tokens, "alice-token,alice,1001\nbob-token,bob,1002,\"qa,ops\"\n");
        await File.WriteAllTextAsync(policy, Policy);
        _server = await TestApiServer.StartAsync(o => o with { TokenAuthFile = tokens, AuthorizationPolicyFile = policy });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_files, recursive: true);
    }

    [Theory]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer alice-token-but-longer")]
    public async Task Request_BadBearerToken_Returns401Status(string authorization)
    {
        var client = Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""" + "\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_ClientCertificateFromUnknownCa_Returns401()
    {
        using var other = CertificateAuthority.Create("other-ca", TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(1));
        var client = Server.CreateClient(other.IssueClient("admin", ["system:masters"], TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(1)));

        using var response = await client.GetAsync(VirtualMachines);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_Anonymous_ForbiddenForResourcesAndDiscovery()
    {
        var client = Server.CreateClient();

        using var resources = await client.GetAsync(VirtualMachines);
        using var discovery = await client.GetAsync("/apis");

        Assert.Equal(HttpStatusCode.Forbidden, resources.StatusCode);
        var status = await StatusAsync(resources);
        Assert.Equal(
            "virtualmachines.infra.virtrigaud.io is forbidden: User \"system:anonymous\" cannot list resource \"virtualmachines\" in API group \"infra.virtrigaud.io\" in the namespace \"default\"",
            (string?)status["message"]);
        Assert.Equal("Forbidden", (string?)status["reason"]);
        Assert.Equal(HttpStatusCode.Forbidden, discovery.StatusCode);
        Assert.Equal("forbidden: User \"system:anonymous\" cannot get path \"/apis\"", (string?)(await StatusAsync(discovery))["message"]);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/livez")]
    [InlineData("/readyz")]
    [InlineData("/version")]
    public async Task Request_AnonymousHealthAndVersion_PassesAuthorization(string path)
    {
        using var response = await Server.CreateClient().GetAsync(path);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Request_AdminClientCertificate_AllowedEverything()
    {
        using var discovery = await Server.Client.GetAsync("/apis");
        using var resources = await Server.Client.DeleteAsync("/apis/infra.virtrigaud.io/v1beta1/namespaces/kube-system/vmsets/x/scale");

        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, resources.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, resources.StatusCode);
    }

    [Theory]
    // The token file's users, judged by the policy file.
    [InlineData("alice-token", VirtualMachines, true)]
    [InlineData("alice-token", "/apis/infra.virtrigaud.io/v1beta1/virtualmachines", true)]
    [InlineData("alice-token", VirtualMachines + "/web", false)]
    [InlineData("bob-token", VirtualMachines, false)]
    [InlineData("bob-token", "/apis", true)]
    public async Task Request_BearerToken_AuthorizedByPolicy(string token, string path, bool allowed)
    {
        using var response = await Server.CreateClient(bearerToken: token).GetAsync(path);

        AssertAllowed(allowed, response.StatusCode);
    }

    [Theory]
    // A client certificate's O values are the groups the policy matches.
    [InlineData("dev", VirtualMachines, true)]
    [InlineData("dev", VirtualMachines + "/web", true)]
    [InlineData("dev", VirtualMachines + "/web/status", false)]
    [InlineData("dev", "/apis/infra.virtrigaud.io/v1beta1/namespaces/prod/virtualmachines", false)]
    [InlineData("qa", VirtualMachines, false)]
    public async Task Request_ClientCertificate_AuthorizedByPolicy(string group, string path, bool allowed)
    {
        var client = Server.CreateClient(Server.IssueClientCertificate("carol", group));

        using var response = await client.GetAsync(path);

        AssertAllowed(allowed, response.StatusCode);
    }

    [Fact]
    public async Task Request_Forbidden_NamesTheUserTheTokenBelongsTo()
    {
        using var response = await Server.CreateClient(bearerToken: "bob-token").DeleteAsync(VirtualMachines + "/web");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var status = await StatusAsync(response);
        Assert.Equal(
            "virtualmachines.infra.virtrigaud.io \"web\" is forbidden: User \"bob\" cannot delete resource \"virtualmachines\" in API group \"infra.virtrigaud.io\" in the namespace \"default\"",
            (string?)status["message"]);
        Assert.Equal("web", (string?)status["details"]?["name"]);
        Assert.Equal("virtualmachines", (string?)status["details"]?["kind"]);
    }

    [Fact]
    public async Task Request_AnonymousAuthOff_Returns401EvenForHealth()
    {
        await Server.RestartAsync(o => o with { AnonymousAuth = false });

        using var response = await Server.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static void AssertAllowed(bool allowed, HttpStatusCode code)
    {
        Assert.NotEqual(HttpStatusCode.Unauthorized, code);
        if (allowed)
        {
            Assert.NotEqual(HttpStatusCode.Forbidden, code);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, code);
        }
    }

    private static async Task<JsonObject> StatusAsync(HttpResponseMessage response)
    {
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("Status", (string?)status["kind"]);
        return status;
    }
}

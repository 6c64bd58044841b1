using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Tests.Security;

public sealed class AuthorizationPolicyTests
{
    private const string Group = "infra.virtrigaud.io";

    private const string Policy = """
        apiVersion: apiserver.virtrigaud.io/v1
        kind: AuthorizationPolicy
        rules:
        - groups: [dev]
          verbs: [get, list, watch]
          apiGroups: [infra.virtrigaud.io]
          resources: [virtualmachines, virtualmachines/status]
          namespaces: [default]
        - users: [alice]
          verbs: ["*"]
          apiGroups: ["*"]
          resources: ["*/status"]
        - users: [ops]
          verbs: [update]
          apiGroups: [infra.virtrigaud.io]
          resources: [vmsets/scale]
          resourceNames: [web]
        - groups: ["*"]
          verbs: [get]
          nonResourceURLs: [/metrics, /debug/*]
        - users: [root]
          verbs: ["*"]
          apiGroups: ["*"]
          resources: ["*"]
          namespaces: ["*"]
        """;

    private static readonly PolicyAuthorizer Authorizer = new(AuthorizationPolicyFile.Parse(Policy, "policy.yaml"));

    [Theory]
    // A group rule: verbs, resources and namespaces must all match; the subresource needs its own entry.
    [InlineData("bob", "dev", "list", "virtualmachines", "", "default", "", true)]
    [InlineData("bob", "dev", "get", "virtualmachines", "status", "default", "web", true)]
    [InlineData("bob", "dev", "watch", "virtualmachines", "", "default", "", true)]
    [InlineData("bob", "dev", "create", "virtualmachines", "", "default", "", false)]
    [InlineData("bob", "dev", "list", "virtualmachines", "", "other", "", false)]
    [InlineData("bob", "dev", "list", "virtualmachines", "", "", "", false)]
    [InlineData("bob", "dev", "get", "virtualmachines", "console", "default", "web", false)]
    [InlineData("bob", "dev", "list", "vmsets", "", "default", "", false)]
    [InlineData("bob", "qa", "list", "virtualmachines", "", "default", "", false)]
    // */status covers every status subresource, and nothing else.
    [InlineData("alice", "", "update", "vmsets", "status", "prod", "x", true)]
    [InlineData("alice", "", "update", "vmsets", "", "prod", "x", false)]
    [InlineData("alice", "", "get", "virtualmachines", "scale", "prod", "x", false)]
    // resourceNames limit the objects.
    [InlineData("ops", "", "update", "vmsets", "scale", "prod", "web", true)]
    [InlineData("ops", "", "update", "vmsets", "scale", "prod", "db", false)]
    [InlineData("ops", "", "update", "vmsets", "", "prod", "web", false)]
    // Wildcards everywhere, including the cluster scope.
    [InlineData("root", "", "deletecollection", "virtualmachines", "", "", "", true)]
    [InlineData("root", "", "patch", "providers", "status", "x", "p", true)]
    public async Task AuthorizeAsync_ResourceRequest_FollowsRules(
        string user, string group, string verb, string resource, string subresource, string ns, string name, bool allowed)
    {
        var attributes = new AuthorizationAttributes
        {
            User = UserInfo.Create(user, group.Length == 0 ? [] : [group]),
            Verb = verb,
            IsResourceRequest = true,
            ApiGroup = Group,
            ApiVersion = "v1beta1",
            Resource = resource,
            Subresource = subresource,
            Namespace = ns,
            Name = name,
        };

        var decision = await Authorizer.AuthorizeAsync(attributes, CancellationToken.None);

        Assert.Equal(allowed ? AuthorizationVerdict.Allow : AuthorizationVerdict.NoOpinion, decision.Verdict);
    }

    [Theory]
    // The built-in rules: health and version for everyone, discovery and OpenAPI for authenticated users only.
    [InlineData(false, "get", "/healthz", true)]
    [InlineData(false, "get", "/livez", true)]
    [InlineData(false, "get", "/readyz", true)]
    [InlineData(false, "get", "/version", true)]
    [InlineData(false, "get", "/apis", false)]
    [InlineData(false, "get", "/openapi/v2", false)]
    [InlineData(false, "get", "/healthz/etcd", false)]
    [InlineData(false, "post", "/healthz", false)]
    [InlineData(true, "get", "/apis", true)]
    [InlineData(true, "get", "/apis/infra.virtrigaud.io/v1beta1", true)]
    [InlineData(true, "get", "/api", true)]
    [InlineData(true, "get", "/openapi/v3/apis/infra.virtrigaud.io/v1beta1", true)]
    [InlineData(true, "get", "/", false)]
    [InlineData(true, "get", "/logs", false)]
    // The file's rule: exact path and prefix.
    [InlineData(false, "get", "/metrics", true)]
    [InlineData(false, "get", "/debug/pprof/heap", true)]
    [InlineData(false, "get", "/debugger", false)]
    public async Task AuthorizeAsync_NonResourceRequest_FollowsRules(bool authenticated, string verb, string path, bool allowed)
    {
        var attributes = new AuthorizationAttributes
        {
            User = authenticated ? UserInfo.Create("someone") : UserInfo.Anonymous,
            Verb = verb,
            Path = path,
        };

        var decision = await Authorizer.AuthorizeAsync(attributes, CancellationToken.None);

        Assert.Equal(allowed ? AuthorizationVerdict.Allow : AuthorizationVerdict.NoOpinion, decision.Verdict);
    }

    [Fact]
    public async Task AuthorizeAsync_DefaultPolicy_AllowsOnlyMastersToUseResources()
    {
        var authorizer = new UnionAuthorizer([new PrivilegedGroupAuthorizer(), new PolicyAuthorizer(AuthorizationPolicy.Default)]);
        AuthorizationAttributes List(UserInfo user) => new()
        {
            User = user,
            Verb = "list",
            IsResourceRequest = true,
            ApiGroup = Group,
            Resource = "virtualmachines",
        };

        var admin = await authorizer.AuthorizeAsync(List(UserInfo.Create("admin", UserInfo.Masters)), CancellationToken.None);
        var other = await authorizer.AuthorizeAsync(List(UserInfo.Create("bob", "dev")), CancellationToken.None);
        var anonymous = await authorizer.AuthorizeAsync(List(UserInfo.Anonymous), CancellationToken.None);

        Assert.Equal(AuthorizationVerdict.Allow, admin.Verdict);
        Assert.Equal(AuthorizationVerdict.NoOpinion, other.Verdict);
        Assert.Equal(AuthorizationVerdict.NoOpinion, anonymous.Verdict);
    }

    [Theory]
    [InlineData("rules: {}", "rules: must be a list")]
    [InlineData("kind: Policy\nrules: []", "kind: must be AuthorizationPolicy")]
    [InlineData("apiVersion: v1\nrules: []", "apiVersion: must be apiserver.virtrigaud.io/v1")]
    [InlineData("rule: []", "rule: unknown field")]
    [InlineData("rules:\n- verbs: [get]\n  nonResourceURLs: [/x]", "rules[0]: must name users or groups")]
    [InlineData("rules:\n- users: [a]\n  verbs: [get]\n  nonResourceURL: [/x]", "rules[0].nonResourceURL: unknown field")]
    [InlineData("rules:\n- users: [a]\n  nonResourceURLs: [/x]", "rules[0].verbs: must not be empty")]
    [InlineData("rules:\n- users: [a]\n  verbs: [get]", "rules[0]: must have either resources or nonResourceURLs")]
    [InlineData("rules:\n- users: [a]\n  verbs: [get]\n  resources: [x]\n  apiGroups: ['']\n  nonResourceURLs: [/x]", "rules[0]: must have either resources or nonResourceURLs")]
    [InlineData("rules:\n- users: [a]\n  verbs: [get]\n  resources: [x]", "rules[0].apiGroups: must not be empty")]
    [InlineData("rules:\n- users: [a]\n  verbs: [get]\n  nonResourceURLs: [x]", "rules[0].nonResourceURLs: x must start with /")]
    [InlineData("rules:\n- users: [a]\n  verbs: [get]\n  nonResourceURLs: [/x]\n  namespaces: [a]", "rules[0]: nonResourceURLs do not go with")]
    [InlineData("rules:\n- users: a\n  verbs: [get]\n  nonResourceURLs: [/x]", "rules[0].users: must be a list of strings")]
    [InlineData("rules:\n- users: [1]\n  verbs: [get]\n  nonResourceURLs: [/x]", "rules[0].users[0]: must be a string")]
    [InlineData("rules: [\n", "authorization policy policy.yaml: error converting YAML to JSON")]
    public void Parse_InvalidPolicy_ThrowsNamingTheField(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => AuthorizationPolicyFile.Parse(text, "policy.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidPolicy_KeepsBuiltInRulesFirst()
    {
        var policy = AuthorizationPolicyFile.Parse(Policy, "policy.yaml");

        Assert.Equal(AuthorizationPolicy.BuiltInRules.Count + 5, policy.Rules.Count);
        Assert.Equal(AuthorizationPolicy.BuiltInRules, policy.Rules.Take(AuthorizationPolicy.BuiltInRules.Count));
        Assert.Equal(["web"], policy.Rules[^3].ResourceNames);
    }
}

using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Tests.Security;

public sealed class ForbiddenMessageTests
{
    [Theory]
    [InlineData("list", "virtualmachines", "", "default", "",
        "virtualmachines.infra.virtrigaud.io is forbidden: User \"bob\" cannot list resource \"virtualmachines\" in API group \"infra.virtrigaud.io\" in the namespace \"default\"")]
    [InlineData("get", "virtualmachines", "", "default", "web",
        "virtualmachines.infra.virtrigaud.io \"web\" is forbidden: User \"bob\" cannot get resource \"virtualmachines\" in API group \"infra.virtrigaud.io\" in the namespace \"default\"")]
    [InlineData("update", "virtualmachines", "status", "default", "web",
        "virtualmachines.infra.virtrigaud.io \"web\" is forbidden: User \"bob\" cannot update resource \"virtualmachines/status\" in API group \"infra.virtrigaud.io\" in the namespace \"default\"")]
    [InlineData("list", "virtualmachines", "", "", "",
        "virtualmachines.infra.virtrigaud.io is forbidden: User \"bob\" cannot list resource \"virtualmachines\" in API group \"infra.virtrigaud.io\" at the cluster scope")]
    public void Forbidden_ResourceRequest_MatchesKubeApiserver(string verb, string resource, string subresource, string ns, string name, string expected)
    {
        var attributes = new AuthorizationAttributes
        {
            User = UserInfo.Create("bob"),
            Verb = verb,
            IsResourceRequest = true,
            ApiGroup = "infra.virtrigaud.io",
            ApiVersion = "v1beta1",
            Resource = resource,
            Subresource = subresource,
            Namespace = ns,
            Name = name,
        };

        var status = AuthorizationMiddleware.Forbidden(attributes, "").Status;

        Assert.Equal(expected, status.Message);
        Assert.Equal(403, status.Code);
        Assert.Equal("Forbidden", status.Reason);
        Assert.Equal(resource, status.Details?.Kind);
        Assert.Equal("infra.virtrigaud.io", status.Details?.Group);
        Assert.Equal(name.Length == 0 ? null : name, status.Details?.Name);
    }

    [Fact]
    public void Forbidden_NonResourceRequestWithReason_MatchesKubeApiserver()
    {
        var attributes = new AuthorizationAttributes { User = UserInfo.Anonymous, Verb = "get", Path = "/apis" };

        var status = AuthorizationMiddleware.Forbidden(attributes, "no rule").Status;

        Assert.Equal("forbidden: User \"system:anonymous\" cannot get path \"/apis\": no rule", status.Message);
        Assert.Null(status.Details?.Kind);
    }
}

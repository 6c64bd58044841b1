using Microsoft.AspNetCore.Http;
using VirtRigaud.Apiserver.Http;

namespace VirtRigaud.Apiserver.Tests.Http;

public sealed class RequestInfoParserTests
{
    private const string Gv = "/apis/infra.virtrigaud.io/v1beta1";

    [Theory]
    [InlineData("GET", Gv + "/namespaces/ns1/virtualmachines", "", "list", "ns1", "virtualmachines", "", "")]
    [InlineData("GET", Gv + "/virtualmachines", "", "list", "", "virtualmachines", "", "")]
    [InlineData("GET", Gv + "/namespaces/ns1/virtualmachines/web", "", "get", "ns1", "virtualmachines", "web", "")]
    [InlineData("GET", Gv + "/namespaces/ns1/virtualmachines", "watch=true", "watch", "ns1", "virtualmachines", "", "")]
    [InlineData("GET", Gv + "/namespaces/ns1/virtualmachines", "watch=1", "watch", "ns1", "virtualmachines", "", "")]
    [InlineData("GET", Gv + "/namespaces/ns1/virtualmachines", "watch=false", "list", "ns1", "virtualmachines", "", "")]
    [InlineData("GET", Gv + "/namespaces/ns1/virtualmachines", "watch=True", "watch", "ns1", "virtualmachines", "", "")]
    [InlineData("GET", Gv + "/namespaces/ns1/virtualmachines", "watch=FALSE", "list", "ns1", "virtualmachines", "", "")]
    [InlineData("GET", Gv + "/namespaces/ns1/virtualmachines", "watch=0", "list", "ns1", "virtualmachines", "", "")]
    [InlineData("GET", Gv + "/watch/namespaces/ns1/virtualmachines", "", "watch", "ns1", "virtualmachines", "", "")]
    [InlineData("GET", Gv + "/watch/namespaces/ns1/virtualmachines/web", "", "watch", "ns1", "virtualmachines", "web", "")]
    [InlineData("POST", Gv + "/namespaces/ns1/virtualmachines", "", "create", "ns1", "virtualmachines", "", "")]
    [InlineData("PUT", Gv + "/namespaces/ns1/virtualmachines/web/status", "", "update", "ns1", "virtualmachines", "web", "status")]
    [InlineData("PATCH", Gv + "/namespaces/ns1/vmsets/set/scale", "", "patch", "ns1", "vmsets", "set", "scale")]
    [InlineData("DELETE", Gv + "/namespaces/ns1/virtualmachines/web", "", "delete", "ns1", "virtualmachines", "web", "")]
    [InlineData("DELETE", Gv + "/namespaces/ns1/virtualmachines", "", "deletecollection", "ns1", "virtualmachines", "", "")]
    [InlineData("GET", Gv + "/namespaces/ns1", "", "get", "ns1", "namespaces", "ns1", "")]
    public void Parse_ResourcePaths_MatchKubernetes(string method, string path, string query, string verb, string ns, string resource, string name, string subresource)
    {
        var info = RequestInfoParser.Parse(method, path, new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));

        Assert.True(info.IsResourceRequest);
        Assert.Equal("infra.virtrigaud.io", info.ApiGroup);
        Assert.Equal("v1beta1", info.ApiVersion);
        Assert.Equal((verb, ns, resource, name, subresource), (info.Verb, info.Namespace, info.Resource, info.Name, info.Subresource));
    }

    [Theory]
    [InlineData("GET", "/apis", "get")]
    [InlineData("GET", "/apis/infra.virtrigaud.io", "get")]
    [InlineData("GET", "/apis/infra.virtrigaud.io/v1beta1", "get")]
    [InlineData("GET", "/openapi/v2", "get")]
    [InlineData("GET", "/healthz", "get")]
    [InlineData("POST", "/version", "post")]
    public void Parse_NonResourcePaths_AreNotResourceRequests(string method, string path, string verb)
    {
        var info = RequestInfoParser.Parse(method, path, new QueryCollection());

        Assert.False(info.IsResourceRequest);
        Assert.Equal(verb, info.Verb);
        Assert.Equal(path, info.Path);
    }
}

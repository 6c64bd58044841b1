using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Tests.Rest;

public sealed class ResourcePathTests
{
    [Theory]
    [InlineData("", "v1", "secrets", "default", "s1", null, "/api/v1/namespaces/default/secrets/s1")]
    [InlineData("", "v1", "namespaces", null, "kube-system", null, "/api/v1/namespaces/kube-system")]
    [InlineData("infra.virtrigaud.io", "v1beta1", "virtualmachines", "ns", "web", "power", "/apis/infra.virtrigaud.io/v1beta1/namespaces/ns/virtualmachines/web/power")]
    [InlineData("infra.virtrigaud.io", "v1beta1", "virtualmachines", null, null, null, "/apis/infra.virtrigaud.io/v1beta1/virtualmachines")]
    [InlineData("apiregistration.k8s.io", "v1", "apiservices", null, "v1beta1.infra.virtrigaud.io", null, "/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.infra.virtrigaud.io")]
    [InlineData("", "v1", "configmaps", "a b", "c/d", null, "/api/v1/namespaces/a%20b/configmaps/c%2Fd")]
    public void ToString_Parts_BuildsTheRestPath(string group, string version, string resource, string? ns, string? name, string? subresource, string expected)
    {
        var path = new ResourcePath { Group = group, Version = version, Resource = resource, Namespace = ns, Name = name, Subresource = subresource };

        Assert.Equal(expected, path.ToString());
    }

    [Fact]
    public void ToString_SubresourceWithoutName_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new ResourcePath { Group = "", Version = "v1", Resource = "pods", Subresource = "log" }.ToString());
    }
}

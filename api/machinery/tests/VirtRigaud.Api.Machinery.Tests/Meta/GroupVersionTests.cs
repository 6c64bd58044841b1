using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>GroupVersion, GroupVersionKind and GroupVersionResource against k8s.io/apimachinery/pkg/runtime/schema.</summary>
public sealed class GroupVersionTests
{
    [Theory]
    [InlineData("v1", "", "v1")]
    [InlineData("apps/v1", "apps", "v1")]
    [InlineData("infra.virtrigaud.io/v1beta1", "infra.virtrigaud.io", "v1beta1")]
    [InlineData("autoscaling/v1", "autoscaling", "v1")]
    [InlineData("", "", "")]
    [InlineData("/", "", "")]
    [InlineData("apps/", "apps", "")]
    [InlineData("/v1", "", "v1")]
    public void Parse_ApiVersion_SplitsAsParseGroupVersion(string apiVersion, string group, string version)
    {
        Assert.Equal(new GroupVersion(group, version), GroupVersion.Parse(apiVersion));
        Assert.True(GroupVersion.TryParse(apiVersion, out var parsed));
        Assert.Equal(new GroupVersion(group, version), parsed);
    }

    [Theory]
    [InlineData("a/b/c")]
    [InlineData("infra.virtrigaud.io/v1beta1/")]
    [InlineData("//")]
    public void Parse_MoreThanOneSlash_Throws(string apiVersion)
    {
        var ex = Assert.Throws<FormatException>(() => GroupVersion.Parse(apiVersion));

        Assert.Equal("unexpected GroupVersion string: " + apiVersion, ex.Message);
        Assert.False(GroupVersion.TryParse(apiVersion, out var parsed));
        Assert.Equal(new GroupVersion("", ""), parsed);
    }

    [Theory]
    [InlineData("", "v1", "v1")]
    [InlineData("apps", "v1", "apps/v1")]
    [InlineData("infra.virtrigaud.io", "v1beta1", "infra.virtrigaud.io/v1beta1")]
    public void ToString_GroupVersion_IsTheApiVersion(string group, string version, string expected)
    {
        var gv = new GroupVersion(group, version);

        Assert.Equal(expected, gv.ToString());
        Assert.Equal(gv, GroupVersion.Parse(expected));
    }

    [Theory]
    [InlineData("apps", "v1", "Deployment", "apps/v1, Kind=Deployment", "Deployment.apps")]
    [InlineData("", "v1", "Pod", "/v1, Kind=Pod", "Pod")]
    [InlineData("infra.virtrigaud.io", "v1beta1", "VirtualMachine", "infra.virtrigaud.io/v1beta1, Kind=VirtualMachine", "VirtualMachine.infra.virtrigaud.io")]
    public void GroupVersionKind_Strings_AreGoStrings(string group, string version, string kind, string expected, string groupKind)
    {
        var gvk = new GroupVersionKind(group, version, kind);

        Assert.Equal((expected, groupKind), (gvk.ToString(), gvk.GroupKind));
        Assert.Equal(new GroupVersion(group, version), gvk.GroupVersion);
    }

    [Theory]
    [InlineData("apps", "v1", "deployments", "apps/v1, Resource=deployments", "deployments.apps")]
    [InlineData("", "v1", "pods", "/v1, Resource=pods", "pods")]
    [InlineData("infra.virtrigaud.io", "v1beta1", "virtualmachines", "infra.virtrigaud.io/v1beta1, Resource=virtualmachines", "virtualmachines.infra.virtrigaud.io")]
    public void GroupVersionResource_Strings_AreGoStrings(string group, string version, string resource, string expected, string groupResource)
    {
        var gvr = new GroupVersionResource(group, version, resource);

        Assert.Equal((expected, groupResource), (gvr.ToString(), gvr.GroupResource));
        Assert.Equal(new GroupVersion(group, version), gvr.GroupVersion);
    }

    [Theory]
    [InlineData("infra.virtrigaud.io/v1beta1", "infra.virtrigaud.io", "v1beta1")]
    [InlineData("v1", "", "v1")]
    [InlineData(null, "", "")]
    [InlineData("a/b/c", "", "")]
    public void TypeMeta_ApiVersion_GivesGroupAndVersion(string? apiVersion, string group, string version)
    {
        var typeMeta = new TypeMeta { ApiVersion = apiVersion, Kind = "X" };

        Assert.Equal((group, version), (typeMeta.Group, typeMeta.Version));
    }

    [Fact]
    public void TypeMeta_Json_DoesNotWriteGroupOrVersion()
    {
        WireJson.AssertWrites(
            """{"apiVersion":"apps/v1","kind":"Deployment"}""",
            new TypeMeta { ApiVersion = "apps/v1", Kind = "Deployment" },
            MachineryJsonContext.Default.TypeMeta);
    }
}

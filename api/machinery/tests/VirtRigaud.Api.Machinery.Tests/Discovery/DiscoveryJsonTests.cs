using VirtRigaud.Api.Machinery.Discovery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.Machinery.Tests.Meta;

namespace VirtRigaud.Api.Machinery.Tests.Discovery;

/// <summary>The legacy discovery documents exactly as kube-apiserver writes them (KUBERNETES-API.md §1.1).</summary>
public sealed class DiscoveryJsonTests
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];

    private const string ResourceList = """
        {
          "kind": "APIResourceList",
          "apiVersion": "v1",
          "groupVersion": "infra.virtrigaud.io/v1beta1",
          "resources": [
            {
              "name": "vmsets",
              "singularName": "vmset",
              "namespaced": true,
              "kind": "VMSet",
              "verbs": ["create","delete","deletecollection","get","list","patch","update","watch"],
              "shortNames": ["vms"],
              "categories": ["virtrigaud"],
              "storageVersionHash": "Yb1bUuy2sVQ="
            },
            {
              "name": "vmsets/status",
              "singularName": "",
              "namespaced": true,
              "kind": "VMSet",
              "verbs": ["get","patch","update"]
            },
            {
              "name": "vmsets/scale",
              "singularName": "",
              "namespaced": true,
              "group": "autoscaling",
              "version": "v1",
              "kind": "Scale",
              "verbs": ["get","patch","update"]
            },
            {
              "name": "vmclasses",
              "singularName": "vmclass",
              "namespaced": false,
              "kind": "VMClass",
              "verbs": ["create","delete","deletecollection","get","list","patch","update","watch"]
            },
            {
              "name": "virtualmachines/console",
              "singularName": "",
              "namespaced": true,
              "kind": "",
              "verbs": []
            }
          ]
        }
        """;

    [Fact]
    public void Write_BuiltResourceList_MatchesKubeApiserver()
    {
        var list = new ApiResourceList
        {
            GroupVersion = "infra.virtrigaud.io/v1beta1",
            Resources =
            [
                new ApiResource
                {
                    Name = "vmsets", SingularName = "vmset", Namespaced = true, Kind = "VMSet", Verbs = AllVerbs,
                    ShortNames = ["vms"], Categories = ["virtrigaud"], StorageVersionHash = "Yb1bUuy2sVQ=",
                },
                new ApiResource { Name = "vmsets/status", Namespaced = true, Kind = "VMSet", Verbs = SubresourceVerbs },
                new ApiResource { Name = "vmsets/scale", Namespaced = true, Group = "autoscaling", Version = "v1", Kind = "Scale", Verbs = SubresourceVerbs },
                new ApiResource { Name = "vmclasses", SingularName = "vmclass", Namespaced = false, Kind = "VMClass", Verbs = AllVerbs },
                new ApiResource { Name = "virtualmachines/console", Namespaced = true, Kind = "" },
            ],
        };

        WireJson.AssertWrites(ResourceList, list, MachineryJsonContext.Default.ApiResourceList);
    }

    [Fact]
    public void RoundTrip_ResourceList_IsPreserved()
    {
        var list = WireJson.RoundTrip(ResourceList, MachineryJsonContext.Default.ApiResourceList);

        Assert.Equal(5, list.Resources.Count);
        Assert.Equal(("autoscaling", "v1", "Scale"), (list.Resources[2].Group, list.Resources[2].Version, list.Resources[2].Kind));
        Assert.False(list.Resources[3].Namespaced);
        Assert.Empty(list.Resources[4].Verbs);
    }

    [Fact]
    public void Write_MinimalResource_AlwaysHasSingularNameNamespacedKindAndVerbs()
    {
        var resource = new ApiResource { Name = "vmclasses", Kind = "VMClass" };

        WireJson.AssertWrites(
            """{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"infra.virtrigaud.io/v1beta1","resources":[{"name":"vmclasses","singularName":"","namespaced":false,"kind":"VMClass","verbs":[]}]}""",
            new ApiResourceList { GroupVersion = "infra.virtrigaud.io/v1beta1", Resources = [resource] },
            MachineryJsonContext.Default.ApiResourceList);
    }

    [Fact]
    public void Write_GroupList_GroupsHaveNoKindOrApiVersion()
    {
        var version = new GroupVersionForDiscovery { GroupVersion = "infra.virtrigaud.io/v1beta1", Version = "v1beta1" };
        var list = new ApiGroupList { Groups = [new ApiGroup { Name = "infra.virtrigaud.io", Versions = [version], PreferredVersion = version }] };

        WireJson.AssertWrites("""
            {"kind":"APIGroupList","apiVersion":"v1",
             "groups":[{"name":"infra.virtrigaud.io",
                        "versions":[{"groupVersion":"infra.virtrigaud.io/v1beta1","version":"v1beta1"}],
                        "preferredVersion":{"groupVersion":"infra.virtrigaud.io/v1beta1","version":"v1beta1"}}]}
            """, list, MachineryJsonContext.Default.ApiGroupList);
        Assert.Null(list.Groups[0].Kind);
    }

    [Fact]
    public void RoundTrip_GroupList_IsPreserved()
    {
        var list = WireJson.RoundTrip("""
            {"kind":"APIGroupList","apiVersion":"v1",
             "groups":[{"name":"infra.virtrigaud.io",
                        "versions":[{"groupVersion":"infra.virtrigaud.io/v1beta1","version":"v1beta1"},
                                    {"groupVersion":"infra.virtrigaud.io/v1alpha1","version":"v1alpha1"}],
                        "preferredVersion":{"groupVersion":"infra.virtrigaud.io/v1beta1","version":"v1beta1"}}]}
            """, MachineryJsonContext.Default.ApiGroupList);

        Assert.Equal(["v1beta1", "v1alpha1"], Assert.Single(list.Groups).Versions.Select(v => v.Version));
    }

    [Fact]
    public void Write_Group_HasKindApiVersionAndOptionalCidrs()
    {
        var version = new GroupVersionForDiscovery { GroupVersion = "infra.virtrigaud.io/v1beta1", Version = "v1beta1" };
        var group = new ApiGroup
        {
            Name = "infra.virtrigaud.io",
            Versions = [version],
            PreferredVersion = version,
            ServerAddressByClientCidrs = [new ServerAddressByClientCidr { ClientCidr = "0.0.0.0/0", ServerAddress = "10.96.0.1:443" }],
        };

        WireJson.AssertWrites("""
            {"kind":"APIGroup","apiVersion":"v1","name":"infra.virtrigaud.io",
             "versions":[{"groupVersion":"infra.virtrigaud.io/v1beta1","version":"v1beta1"}],
             "preferredVersion":{"groupVersion":"infra.virtrigaud.io/v1beta1","version":"v1beta1"},
             "serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"10.96.0.1:443"}]}
            """, group, MachineryJsonContext.Default.ApiGroup);
        WireJson.AssertWrites("""
            {"kind":"APIGroup","apiVersion":"v1","name":"infra.virtrigaud.io",
             "versions":[{"groupVersion":"infra.virtrigaud.io/v1beta1","version":"v1beta1"}],
             "preferredVersion":{"groupVersion":"infra.virtrigaud.io/v1beta1","version":"v1beta1"}}
            """, group with { ServerAddressByClientCidrs = null }, MachineryJsonContext.Default.ApiGroup);
    }

    [Fact]
    public void Write_ApiVersions_HasKindButNoApiVersionAndAlwaysCidrs()
    {
        WireJson.AssertWrites(
            """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"172.18.0.2:6443"}]}""",
            new ApiVersions { Versions = ["v1"], ServerAddressByClientCidrs = [new ServerAddressByClientCidr { ClientCidr = "0.0.0.0/0", ServerAddress = "172.18.0.2:6443" }] },
            MachineryJsonContext.Default.ApiVersions);
        WireJson.AssertWrites(
            """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}""",
            new ApiVersions { Versions = ["v1"] },
            MachineryJsonContext.Default.ApiVersions);
    }

    [Fact]
    public void Read_MinimalDocuments_HaveEmptyCollectionsNotNull()
    {
        var resources = WireJson.Read("""{"groupVersion":"infra.virtrigaud.io/v1beta1","resources":[{"name":"vmclasses","kind":"VMClass"}]}""", MachineryJsonContext.Default.ApiResourceList);
        var groups = WireJson.Read("""{"groups":null}""", MachineryJsonContext.Default.ApiGroupList);
        var group = WireJson.Read("""{"name":"infra.virtrigaud.io"}""", MachineryJsonContext.Default.ApiGroup);
        var versions = WireJson.Read("""{}""", MachineryJsonContext.Default.ApiVersions);

        var resource = Assert.Single(resources.Resources);
        Assert.Equal(("APIResourceList", "v1", ""), (resources.Kind, resources.ApiVersion, resource.SingularName));
        Assert.Empty(resource.Verbs);
        Assert.Equal(("APIGroupList", "v1"), (groups.Kind, groups.ApiVersion));
        Assert.Empty(groups.Groups);
        Assert.Empty(group.Versions);
        Assert.Equal("APIVersions", versions.Kind);
        Assert.Empty(versions.Versions);
        Assert.Empty(versions.ServerAddressByClientCidrs);
    }
}

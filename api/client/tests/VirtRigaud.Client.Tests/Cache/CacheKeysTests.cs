using VirtRigaud.Client.Cache;
using static VirtRigaud.Client.Tests.Cache.TestObjects;

namespace VirtRigaud.Client.Tests.Cache;

public sealed class CacheKeysTests
{
    [Theory]
    [InlineData("ns", "vm", "ns/vm")]
    [InlineData(null, "vm", "vm")]
    [InlineData("", "vm", "vm")]
    public void MetaNamespaceKey_NamespaceSlashNameOrName(string? ns, string name, string expected)
    {
        Assert.Equal(expected, CacheKeys.MetaNamespaceKey(Meta(ns, name)));
    }

    [Fact]
    public void MetaNamespaceKey_NoName_Throws()
    {
        Assert.Throws<ArgumentException>(() => CacheKeys.MetaNamespaceKey(Meta("ns", "")));
    }

    [Theory]
    [InlineData("ns/vm", "ns", "vm")]
    [InlineData("vm", "", "vm")]
    public void SplitMetaNamespaceKey_Valid(string key, string ns, string name)
    {
        Assert.Equal((ns, name), CacheKeys.SplitMetaNamespaceKey(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b/c")]
    [InlineData("/vm")]
    [InlineData("ns/")]
    public void SplitMetaNamespaceKey_Invalid_Throws(string key)
    {
        Assert.Throws<FormatException>(() => CacheKeys.SplitMetaNamespaceKey(key));
        Assert.False(CacheKeys.TrySplitMetaNamespaceKey(key, out _, out _));
    }
}

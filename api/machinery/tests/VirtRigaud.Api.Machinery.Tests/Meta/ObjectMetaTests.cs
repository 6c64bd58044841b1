namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>The ObjectMeta helpers: labels, annotations, finalizers and the controller reference (metav1.GetControllerOf).</summary>
public sealed class ObjectMetaTests
{
    private static readonly ObjectMeta Meta = new()
    {
        Name = "web",
        Labels = new Dictionary<string, string> { ["app"] = "demo", ["empty"] = "" },
        Annotations = new Dictionary<string, string> { ["infra.virtrigaud.io/note"] = "keep" },
        Finalizers = ["infra.virtrigaud.io/vm-cleanup", "foregroundDeletion"],
    };

    [Theory]
    [InlineData("app", "demo")]
    [InlineData("empty", "")]
    [InlineData("missing", null)]
    [InlineData("App", null)]
    public void Label_Key_ReturnsValueOrNull(string key, string? expected)
    {
        Assert.Equal(expected, Meta.Label(key));
        Assert.Null(new ObjectMeta().Label(key));
    }

    [Theory]
    [InlineData("infra.virtrigaud.io/note", "keep")]
    [InlineData("app", null)]
    public void Annotation_Key_ReturnsValueOrNull(string key, string? expected)
    {
        Assert.Equal(expected, Meta.Annotation(key));
        Assert.Null(new ObjectMeta().Annotation(key));
    }

    [Theory]
    [InlineData("infra.virtrigaud.io/vm-cleanup", true)]
    [InlineData("foregroundDeletion", true)]
    [InlineData("orphan", false)]
    [InlineData("infra.virtrigaud.io/VM-cleanup", false)]
    public void HasFinalizer_Name_MatchesExactly(string finalizer, bool expected)
    {
        Assert.Equal(expected, Meta.HasFinalizer(finalizer));
        Assert.False(new ObjectMeta().HasFinalizer(finalizer));
    }

    private static OwnerReference Owner(string name, bool? controller) =>
        new() { ApiVersion = "infra.virtrigaud.io/v1beta1", Kind = "VMSet", Name = name, Uid = "uid-" + name, Controller = controller };

    public static TheoryData<OwnerReference[], string?> Owners => new()
    {
        { [Owner("a", null), Owner("b", true)], "b" },
        { [Owner("a", true), Owner("b", true)], "a" },
        { [Owner("a", false), Owner("b", null)], null },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(Owners))]
    public void ControllerReference_Owners_IsTheFirstControllerTrue(OwnerReference[] owners, string? expected)
    {
        Assert.Equal(expected, (Meta with { OwnerReferences = owners }).ControllerReference()?.Name);
    }

    [Fact]
    public void ControllerReference_NoOwnerReferences_IsNull()
    {
        Assert.Null(Meta.ControllerReference());
    }
}

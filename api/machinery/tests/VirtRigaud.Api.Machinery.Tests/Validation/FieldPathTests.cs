using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Validation;

/// <summary><see cref="FieldPath"/> printing as k8s.io/apimachinery's <c>field.Path.String()</c>.</summary>
public sealed class FieldPathTests
{
    public static TheoryData<FieldPath, string> Paths => new()
    {
        { FieldPath.NewPath("spec"), "spec" },
        { FieldPath.NewPath("spec").Child("disks").Index(0).Child("name"), "spec.disks[0].name" },
        { FieldPath.NewPath("metadata").Child("labels").Key("app"), "metadata.labels[app]" },
        { FieldPath.NewPath("metadata", "annotations").Key("kubernetes.io/description"), "metadata.annotations[kubernetes.io/description]" },
        { FieldPath.NewPath("metadata", "annotations").Key(""), "metadata.annotations[]" },
        { FieldPath.NewPath("spec", "template", "spec"), "spec.template.spec" },
        { FieldPath.NewPath("spec").Child("template", "spec", "networks"), "spec.template.spec.networks" },
        { FieldPath.NewPath("spec").Child("networks").Index(2).Child("ipAllocation", "staticIP"), "spec.networks[2].ipAllocation.staticIP" },
        { FieldPath.NewPath("spec").Child("matrix").Index(1).Index(3), "spec.matrix[1][3]" },
        { FieldPath.NewPath("spec").Child("disks").Index(-1), "spec.disks[-1]" },
        { FieldPath.NewPath("spec").Child("selector").Child("matchLabels").Key("tier").Child("x"), "spec.selector.matchLabels[tier].x" },
        { FieldPath.NewPath("spec").Child("classRef.name"), "spec.classRef.name" },

        // Our deliberate difference from Go, which prints "[]" for an empty root name.
        { FieldPath.NewPath("").Index(0), "[0]" },
        { FieldPath.NewPath("").Key("a"), "[a]" },
        { FieldPath.NewPath(""), "" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void ToString_Path_PrintsAsKubernetes(FieldPath path, string expected)
    {
        Assert.Equal(expected, path.ToString());
    }

    [Theory]
    [InlineData("spec")]
    [InlineData("metadata")]
    public void Root_DeepPath_IsTheFirstElement(string root)
    {
        var path = FieldPath.NewPath(root, "a", "b").Index(3).Key("k").Child("c");

        Assert.Equal(root, path.Root().ToString());
    }

    [Fact]
    public void Root_RootPath_IsItself()
    {
        var root = FieldPath.NewPath("spec");

        Assert.Same(root, root.Root());
    }

    [Fact]
    public void Child_ExistingPath_LeavesTheParentUnchanged()
    {
        var spec = FieldPath.NewPath("spec");

        var disks = spec.Child("disks");
        var first = disks.Index(0);
        var second = disks.Index(1);

        Assert.Equal(("spec", "spec.disks", "spec.disks[0]", "spec.disks[1]"), (spec.ToString(), disks.ToString(), first.ToString(), second.ToString()));
    }

    [Theory]
    [InlineData("spec.disks[0]", true)]
    [InlineData("spec.disks[1]", false)]
    [InlineData("spec.disks", false)]
    public void Equals_SamePrintedPath_AreEqual(string other, bool equal)
    {
        var path = FieldPath.NewPath("spec").Child("disks").Index(0);
        var otherPath = other switch
        {
            "spec.disks[0]" => FieldPath.NewPath("spec", "disks").Index(0),
            "spec.disks[1]" => FieldPath.NewPath("spec", "disks").Index(1),
            _ => FieldPath.NewPath("spec", "disks"),
        };

        Assert.Equal(equal, path.Equals(otherPath));
        Assert.Equal(equal, path.Equals((object)otherPath));
        Assert.False(path.Equals(null));
    }

    [Fact]
    public void GetHashCode_EqualPaths_AreEqual()
    {
        Assert.Equal(FieldPath.NewPath("spec").Child("disks").Index(0).GetHashCode(), FieldPath.NewPath("spec", "disks").Index(0).GetHashCode());
    }
}

using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>metav1.DeleteOptions bodies as kubectl, client-go and the garbage collector send them (KUBERNETES-API.md §3.4).</summary>
public sealed class DeleteOptionsJsonTests
{
    [Theory]
    [InlineData("""{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Foreground"}""", DeletionPropagation.Foreground)]
    [InlineData("""{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}""", DeletionPropagation.Background)]
    [InlineData("""{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Orphan"}""", DeletionPropagation.Orphan)]
    [InlineData("""{"kind":"DeleteOptions","apiVersion":"v1"}""", null)]
    public void RoundTrip_ClientBody_KeepsPropagationPolicy(string json, string? policy)
    {
        var options = WireJson.RoundTrip(json, MachineryJsonContext.Default.DeleteOptions);

        Assert.Equal(policy, options.PropagationPolicy);
    }

    [Fact]
    public void RoundTrip_PreconditionsGraceAndDryRun_ArePreserved()
    {
        var options = WireJson.RoundTrip("""
            {"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,
             "preconditions":{"uid":"8f0e6c3a-6d1e-4c6b-9c1f-0a4f7f2e9b11","resourceVersion":"1045"},
             "orphanDependents":false,"propagationPolicy":"Background","dryRun":["All"]}
            """, MachineryJsonContext.Default.DeleteOptions);

        Assert.Equal(0L, options.GracePeriodSeconds);
        Assert.Equal(new Preconditions { Uid = "8f0e6c3a-6d1e-4c6b-9c1f-0a4f7f2e9b11", ResourceVersion = "1045" }, options.Preconditions);
        Assert.False(options.OrphanDependents);
        Assert.Equal(["All"], options.DryRun!);
    }

    [Fact]
    public void Write_New_IsTypedEmptyOptions()
    {
        WireJson.AssertWrites("""{"kind":"DeleteOptions","apiVersion":"v1"}""", new DeleteOptions(), MachineryJsonContext.Default.DeleteOptions);
    }

    [Fact]
    public void Write_Foreground_IsTheKubectlBody()
    {
        WireJson.AssertWrites(
            """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Foreground"}""",
            new DeleteOptions { PropagationPolicy = DeletionPropagation.Foreground },
            MachineryJsonContext.Default.DeleteOptions);
    }

    [Fact]
    public void Read_BodyWithoutTypeMeta_LeavesKindAndApiVersionAbsent()
    {
        var options = WireJson.RoundTrip("""{"preconditions":{"uid":"u1"}}""", MachineryJsonContext.Default.DeleteOptions);

        Assert.Equal((null, null, "u1", null), (options.Kind, options.ApiVersion, options.Preconditions!.Uid, options.Preconditions.ResourceVersion));
    }

    [Theory]
    [InlineData(DeletionPropagation.Orphan, "Orphan")]
    [InlineData(DeletionPropagation.Background, "Background")]
    [InlineData(DeletionPropagation.Foreground, "Foreground")]
    public void DeletionPropagation_Constant_IsTheWireValue(string constant, string wire)
    {
        Assert.Equal(wire, constant);
    }
}

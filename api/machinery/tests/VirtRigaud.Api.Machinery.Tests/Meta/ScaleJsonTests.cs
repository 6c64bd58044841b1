using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>autoscaling/v1 Scale as the HorizontalPodAutoscaler and kubectl scale use it (KUBERNETES-API.md §7.2).</summary>
public sealed class ScaleJsonTests
{
    [Fact]
    public void Write_Scale_IsAutoscalingV1()
    {
        var scale = new Scale
        {
            Metadata = new ObjectMeta
            {
                Name = "web-tier",
                Namespace = "default",
                Uid = "0b8a7c51",
                ResourceVersion = "1045",
                CreationTimestamp = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero),
            },
            Spec = new ScaleSpec { Replicas = 3 },
            Status = new ScaleStatus { Replicas = 2, Selector = "app=demo" },
        };

        WireJson.AssertWrites("""
            {"kind":"Scale","apiVersion":"autoscaling/v1",
             "metadata":{"name":"web-tier","namespace":"default","uid":"0b8a7c51","resourceVersion":"1045","creationTimestamp":"2025-03-01T10:00:00Z"},
             "spec":{"replicas":3},
             "status":{"replicas":2,"selector":"app=demo"}}
            """, scale, MachineryJsonContext.Default.Scale);
    }

    [Fact]
    public void RoundTrip_PutBody_IsPreserved()
    {
        var scale = WireJson.RoundTrip("""
            {"kind":"Scale","apiVersion":"autoscaling/v1",
             "metadata":{"name":"web-tier","namespace":"default","resourceVersion":"1045"},
             "spec":{"replicas":5},
             "status":{"replicas":2,"selector":"infra.virtrigaud.io/vmset=web-tier,tier in (frontend)"}}
            """, MachineryJsonContext.Default.Scale);

        Assert.Equal((5, 2), (scale.Spec.Replicas, scale.Status!.Replicas));
        Assert.Equal("infra.virtrigaud.io/vmset=web-tier,tier in (frontend)", scale.Status.Selector);
    }

    [Fact]
    public void Write_ZeroReplicas_AreWritten()
    {
        var scale = new Scale { Metadata = new ObjectMeta { Name = "s" }, Spec = new ScaleSpec { Replicas = 0 }, Status = new ScaleStatus() };

        WireJson.AssertWrites(
            """{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"s"},"spec":{"replicas":0},"status":{"replicas":0}}""",
            scale,
            MachineryJsonContext.Default.Scale);
    }

    [Fact]
    public void Read_SpecOnly_HasEmptyMetadataAndNoStatus()
    {
        var scale = WireJson.Read("""{"spec":{"replicas":4}}""", MachineryJsonContext.Default.Scale);

        Assert.Equal(4, scale.Spec.Replicas);
        Assert.Equal(new ObjectMeta(), scale.Metadata);
        Assert.Null(scale.Status);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"metadata":null,"spec":null}""")]
    public void Read_MissingMetadataAndSpec_AreEmptyNotNull(string json)
    {
        var scale = WireJson.Read(json, MachineryJsonContext.Default.Scale);

        Assert.Equal(new ObjectMeta(), scale.Metadata);
        Assert.Equal(new ScaleSpec(), scale.Spec);
    }
}

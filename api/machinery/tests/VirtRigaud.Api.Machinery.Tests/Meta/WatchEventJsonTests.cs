using System.Text.Json;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>metav1.WatchEvent lines: ADDED/MODIFIED objects, BOOKMARKs and ERRORs carrying a Status (KUBERNETES-API.md §5).</summary>
public sealed class WatchEventJsonTests
{
    [Theory]
    [InlineData(WatchEventType.Added, "ADDED")]
    [InlineData(WatchEventType.Modified, "MODIFIED")]
    [InlineData(WatchEventType.Deleted, "DELETED")]
    [InlineData(WatchEventType.Bookmark, "BOOKMARK")]
    [InlineData(WatchEventType.Error, "ERROR")]
    public void WatchEventType_Constant_IsTheWireValue(string constant, string wire)
    {
        Assert.Equal(wire, constant);
    }

    [Fact]
    public void Write_AddedPartialObjectMetadata_IsTypeAndObject()
    {
        var evt = new WatchEvent<PartialObjectMetadata>
        {
            Type = WatchEventType.Added,
            Object = new PartialObjectMetadata { Metadata = new ObjectMeta { Name = "web", Namespace = "default", ResourceVersion = "1046" } },
        };

        WireJson.AssertWrites("""
            {"type":"ADDED","object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
                                      "metadata":{"name":"web","namespace":"default","resourceVersion":"1046"}}}
            """, evt, MachineryJsonContext.Default.WatchEventPartialObjectMetadata);
    }

    [Fact]
    public void RoundTrip_Bookmark_CarriesOnlyResourceVersionAndAnnotation()
    {
        var evt = WireJson.RoundTrip("""
            {"type":"BOOKMARK","object":{"kind":"VirtualMachine","apiVersion":"infra.virtrigaud.io/v1beta1",
                                         "metadata":{"resourceVersion":"12746","annotations":{"k8s.io/initial-events-end":"true"}}}}
            """, MachineryJsonContext.Default.WatchEventJsonElement);

        Assert.Equal(WatchEventType.Bookmark, evt.Type);
        Assert.Equal("12746", evt.Object.GetProperty("metadata").GetProperty("resourceVersion").GetString());
    }

    [Fact]
    public void Write_ErrorEvent_CarriesAnExpiredStatus()
    {
        var evt = new WatchEvent<Status> { Type = WatchEventType.Error, Object = StatusException.Expired("too old resource version: 1045 (1050)").Status };

        WireJson.AssertWrites("""
            {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                                      "message":"too old resource version: 1045 (1050)","reason":"Expired","code":410}}
            """, evt, MachineryJsonContext.Default.WatchEventStatus);
    }

    [Fact]
    public void Read_ErrorEvent_ParsesTheStatus()
    {
        var evt = WireJson.Read("""
            {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                                      "message":"too old resource version: 1045 (1050)","reason":"Expired","code":410}}
            """, MachineryJsonContext.Default.WatchEventStatus);

        Assert.Equal((WatchEventType.Error, StatusReasons.Expired, 410), (evt.Type, evt.Object.Reason, evt.Object.Code));
    }

    [Fact]
    public void Read_EventWithoutObject_Throws()
    {
        Assert.Throws<JsonException>(() => WireJson.Read("""{"type":"ADDED"}""", MachineryJsonContext.Default.WatchEventPartialObjectMetadata));
    }
}

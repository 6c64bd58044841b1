using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>ObjectMeta and ListMeta on the wire (KUBERNETES-API.md §3.2), with metav1.Time formatting.</summary>
public sealed class ObjectMetaJsonTests
{
    private const string FullMetadata = """
        {
          "name": "web",
          "generateName": "web-",
          "namespace": "default",
          "selfLink": "/apis/infra.virtrigaud.io/v1beta1/namespaces/default/virtualmachines/web",
          "uid": "8f0e6c3a-6d1e-4c6b-9c1f-0a4f7f2e9b11",
          "resourceVersion": "1045",
          "generation": 2,
          "creationTimestamp": "2025-03-01T10:00:00Z",
          "deletionTimestamp": "2025-03-02T08:30:00Z",
          "deletionGracePeriodSeconds": 0,
          "labels": {"app": "demo", "app.kubernetes.io/part-of": "shop"},
          "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"spec\":{}}\n"},
          "ownerReferences": [
            {"apiVersion": "infra.virtrigaud.io/v1beta1", "kind": "VMSet", "name": "web-tier",
             "uid": "0b8a7c51-2a3e-4f7e-9d54-3c1f0e6b2a90", "controller": true, "blockOwnerDeletion": true},
            {"apiVersion": "v1", "kind": "ConfigMap", "name": "settings", "uid": "c2d4", "controller": false}
          ],
          "finalizers": ["infra.virtrigaud.io/vm-cleanup"],
          "managedFields": [
            {
              "manager": "kubectl-client-side-apply",
              "operation": "Update",
              "apiVersion": "infra.virtrigaud.io/v1beta1",
              "time": "2025-03-01T10:00:00Z",
              "fieldsType": "FieldsV1",
              "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}, "f:spec": {"f:cpu": {}, "f:disks": {"k:{\"name\":\"root\"}": {".": {}}}}}
            },
            {
              "manager": "virtrigaud-controller",
              "operation": "Update",
              "apiVersion": "infra.virtrigaud.io/v1beta1",
              "time": "2025-03-01T10:05:00Z",
              "fieldsType": "FieldsV1",
              "fieldsV1": {"f:status": {"f:phase": {}}},
              "subresource": "status"
            }
          ]
        }
        """;

    [Fact]
    public void RoundTrip_EveryField_IsPreserved()
    {
        var meta = WireJson.RoundTrip(FullMetadata, MachineryJsonContext.Default.ObjectMeta);

        Assert.Equal(("web", "web-", "default"), (meta.Name, meta.GenerateName, meta.Namespace));
        Assert.Equal(("8f0e6c3a-6d1e-4c6b-9c1f-0a4f7f2e9b11", "1045", 2L), (meta.Uid, meta.ResourceVersion, meta.Generation!.Value));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), meta.CreationTimestamp);
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 8, 30, 0, TimeSpan.Zero), meta.DeletionTimestamp);
        Assert.Equal(0L, meta.DeletionGracePeriodSeconds);
        Assert.Equal("demo", meta.Labels!["app"]);
        Assert.Equal("{\"spec\":{}}\n", meta.Annotations!["kubectl.kubernetes.io/last-applied-configuration"]);
        Assert.Equal([true, false], meta.OwnerReferences!.Select(o => o.Controller!.Value));
        Assert.Null(meta.OwnerReferences![1].BlockOwnerDeletion);
        Assert.Equal(["infra.virtrigaud.io/vm-cleanup"], meta.Finalizers!);
        Assert.Equal([null, "status"], meta.ManagedFields!.Select(m => m.Subresource));
    }

    [Fact]
    public void Read_ManagedFields_KeepsFieldsV1AsRawJson()
    {
        var meta = WireJson.Read(FullMetadata, MachineryJsonContext.Default.ObjectMeta);

        var fields = meta.ManagedFields![0].FieldsV1!.Value;

        Assert.True(fields.GetProperty("f:spec").GetProperty("f:disks").TryGetProperty("k:{\"name\":\"root\"}", out _));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 5, 0, TimeSpan.Zero), meta.ManagedFields[1].Time);
    }

    [Fact]
    public void Write_AbsentCollections_AreOmitted()
    {
        WireJson.AssertWrites("""{"name":"web"}""", new ObjectMeta { Name = "web" }, MachineryJsonContext.Default.ObjectMeta);
    }

    [Fact]
    public void Write_EmptyCollections_AreKept()
    {
        var meta = new ObjectMeta
        {
            Name = "web",
            Labels = new Dictionary<string, string>(),
            Annotations = new Dictionary<string, string>(),
            OwnerReferences = [],
            Finalizers = [],
            ManagedFields = [],
        };

        WireJson.AssertWrites(
            """{"name":"web","labels":{},"annotations":{},"ownerReferences":[],"finalizers":[],"managedFields":[]}""",
            meta,
            MachineryJsonContext.Default.ObjectMeta);
    }

    public static TheoryData<string, string> Times => new()
    {
        { "2025-03-01T10:00:00Z", "2025-03-01T10:00:00Z" },
        { "2025-03-01T11:00:00+01:00", "2025-03-01T10:00:00Z" },
        { "2025-03-01T04:30:00-05:30", "2025-03-01T10:00:00Z" },
        { "2025-03-01T10:00:00.999999Z", "2025-03-01T10:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Times))]
    public void CreationTimestamp_AnyRfc3339_IsWrittenAsUtcSeconds(string sent, string written)
    {
        var meta = WireJson.Read($$"""{"creationTimestamp":"{{sent}}"}""", MachineryJsonContext.Default.ObjectMeta);

        WireJson.AssertWrites($$"""{"creationTimestamp":"{{written}}"}""", meta, MachineryJsonContext.Default.ObjectMeta);
    }

    [Fact]
    public void Read_NullTimestamps_AreAbsent()
    {
        var meta = WireJson.Read("""{"name":"web","creationTimestamp":null,"deletionTimestamp":null}""", MachineryJsonContext.Default.ObjectMeta);

        Assert.Equal((null, null), (meta.CreationTimestamp, meta.DeletionTimestamp));
        WireJson.AssertWrites("""{"name":"web"}""", meta, MachineryJsonContext.Default.ObjectMeta);
    }

    [Theory]
    [InlineData("""{"resourceVersion":"1050","continue":"eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ","remainingItemCount":12}""")]
    [InlineData("""{"resourceVersion":"1050","continue":""}""")]
    [InlineData("""{"resourceVersion":"1050","remainingItemCount":0}""")]
    [InlineData("""{"selfLink":"/apis/infra.virtrigaud.io/v1beta1/vmclasses","resourceVersion":"7"}""")]
    [InlineData("""{}""")]
    public void ListMeta_Json_RoundTrips(string json)
    {
        WireJson.RoundTrip(json, MachineryJsonContext.Default.ListMeta);
    }

    [Fact]
    public void ListMeta_Read_ParsesEveryField()
    {
        var meta = WireJson.Read("""{"resourceVersion":"1050","continue":"abc","remainingItemCount":12}""", MachineryJsonContext.Default.ListMeta);

        Assert.Equal(new ListMeta { ResourceVersion = "1050", Continue = "abc", RemainingItemCount = 12 }, meta);
    }

    [Theory]
    [InlineData("""{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine"}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Secret"}""")]
    [InlineData("""{"kind":"VirtualMachine"}""")]
    public void TypeMeta_Json_RoundTripsWithoutDerivedProperties(string json)
    {
        WireJson.RoundTrip(json, MachineryJsonContext.Default.TypeMeta);
    }
}

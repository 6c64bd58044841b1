using System.Text.Json.Nodes;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Tests.Registry;

public sealed class ManagedFieldsTests
{
    private static readonly DateTimeOffset T1 = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddMinutes(1);
    private const string ApiVersion = "infra.virtrigaud.io/v1beta1";

    [Fact]
    public void Record_Create_FirstWriterOwnsEverythingItSet()
    {
        var obj = Vm("""{"labels":{"app":"web"},"finalizers":["x/y"],"ownerReferences":[{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMSet","name":"s","uid":"u1"}]}""", """{"classRef":{"name":"small"}}""");

        ManagedFields.Record(obj, null, Kinds.VirtualMachine.Schema, ApiVersion, "kubectl-create", "", T1);

        var entry = Assert.Single(Entries(obj));
        Assert.Equal("kubectl-create", (string?)entry["manager"]);
        Assert.Equal("Update", (string?)entry["operation"]);
        Assert.Equal(ApiVersion, (string?)entry["apiVersion"]);
        Assert.Equal("2025-03-01T10:00:00Z", (string?)entry["time"]);
        Assert.Equal("FieldsV1", (string?)entry["fieldsType"]);
        var expected = JsonNode.Parse("""
            {"f:metadata":{"f:finalizers":{".":{},"v:\"x/y\"":{}},"f:labels":{".":{},"f:app":{}},"f:ownerReferences":{".":{},"k:{\"uid\":\"u1\"}":{}}},
             "f:spec":{"f:classRef":{"f:name":{}}}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, entry["fieldsV1"]), entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public void Record_UpdateByAnotherManager_MovesChangedFieldsToIt()
    {
        var created = Vm("""{"labels":{"app":"web"}}""", """{"classRef":{"name":"small"},"powerState":"On"}""");
        ManagedFields.Record(created, null, Kinds.VirtualMachine.Schema, ApiVersion, "creator", "", T1);
        var updated = (JsonObject)created.DeepClone();
        updated["spec"]!["powerState"] = "Off";
        updated["metadata"]!["labels"]!["tier"] = "front";

        ManagedFields.Record(updated, created, Kinds.VirtualMachine.Schema, ApiVersion, "kubectl-edit", "", T2);

        var entries = Entries(updated);
        Assert.Equal(["creator", "kubectl-edit"], entries.Select(e => (string?)e["manager"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:classRef":{"f:name":{}}}}"""), entries[0]["fieldsV1"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:metadata":{"f:labels":{"f:tier":{}}},"f:spec":{"f:powerState":{}}}"""), entries[1]["fieldsV1"]));
        Assert.Equal("2025-03-01T10:00:00Z", (string?)entries[0]["time"]);
        Assert.Equal("2025-03-01T10:01:00Z", (string?)entries[1]["time"]);
    }

    [Fact]
    public void Record_NoChange_LeavesManagedFieldsAlone()
    {
        var created = Vm("{}", """{"classRef":{"name":"small"}}""");
        ManagedFields.Record(created, null, Kinds.VirtualMachine.Schema, ApiVersion, "creator", "", T1);
        var same = (JsonObject)created.DeepClone();

        ManagedFields.Record(same, created, Kinds.VirtualMachine.Schema, ApiVersion, "other", "", T2);

        Assert.True(JsonNode.DeepEquals(created, same));
    }

    [Fact]
    public void Record_ManagerLosingAllFields_IsDropped()
    {
        var created = Vm("{}", """{"classRef":{"name":"small"}}""");
        ManagedFields.Record(created, null, Kinds.VirtualMachine.Schema, ApiVersion, "creator", "", T1);
        var updated = (JsonObject)created.DeepClone();
        updated["spec"]!["classRef"]!["name"] = "large";

        ManagedFields.Record(updated, created, Kinds.VirtualMachine.Schema, ApiVersion, "other", "", T2);

        Assert.Equal(["other"], Entries(updated).Select(e => (string?)e["manager"]));
    }

    [Fact]
    public void Record_StatusSubresource_OwnsOnlyStatus()
    {
        var created = Vm("{}", """{"classRef":{"name":"small"}}""");
        ManagedFields.Record(created, null, Kinds.VirtualMachine.Schema, ApiVersion, "creator", "", T1);
        var updated = (JsonObject)created.DeepClone();
        updated["status"] = new JsonObject { ["phase"] = "Running" };

        ManagedFields.Record(updated, created, Kinds.VirtualMachine.Schema, ApiVersion, "controller", "status", T2);

        var entry = Entries(updated).Single(e => (string?)e["manager"] == "controller");
        Assert.Equal("status", (string?)entry["subresource"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:status":{"f:phase":{}}}"""), entry["fieldsV1"]));
    }

    [Fact]
    public void Record_ResetWithEmptyEntry_RemovesManagedFields()
    {
        var created = Vm("{}", """{"classRef":{"name":"small"}}""");
        ManagedFields.Record(created, null, Kinds.VirtualMachine.Schema, ApiVersion, "creator", "", T1);
        var updated = (JsonObject)created.DeepClone();
        updated["metadata"]!["managedFields"] = JsonNode.Parse("[{}]");

        ManagedFields.Record(updated, created, Kinds.VirtualMachine.Schema, ApiVersion, "other", "", T2);

        Assert.Null(updated["metadata"]!["managedFields"]);
    }

    [Fact]
    public void Record_EmptyListSent_KeepsStoredEntries()
    {
        var created = Vm("{}", """{"classRef":{"name":"small"}}""");
        ManagedFields.Record(created, null, Kinds.VirtualMachine.Schema, ApiVersion, "creator", "", T1);
        var updated = (JsonObject)created.DeepClone();
        updated["metadata"]!["managedFields"] = new JsonArray();
        updated["spec"]!["powerState"] = "Off";

        ManagedFields.Record(updated, created, Kinds.VirtualMachine.Schema, ApiVersion, "other", "", T2);

        Assert.Equal(["creator", "other"], Entries(updated).Select(e => (string?)e["manager"]));
    }

    private static JsonObject Vm(string metadataExtra, string spec)
    {
        var meta = JsonNode.Parse(metadataExtra)!.AsObject();
        meta["name"] = "vm";
        meta["namespace"] = "default";
        meta["uid"] = "abc";
        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "VirtualMachine",
            ["metadata"] = meta,
            ["spec"] = JsonNode.Parse(spec),
        };
    }

    private static List<JsonObject> Entries(JsonObject obj) =>
        ((JsonArray?)obj["metadata"]!["managedFields"] ?? []).Select(e => e!.AsObject()).ToList();
}

using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Http;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>
/// core/v1 and events.k8s.io/v1 Events over REST: one stored resource seen through both APIs, each API's validation,
/// selectors, columns and watches.
/// </summary>
public sealed class EventsTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Create_CoreEvent_IsReadThroughBothApis()
    {
        var ns = fixture.NewNamespace("ev-core");

        var created = await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "events"), CoreEvent(ns, "vm-1.started"));
        var asEvents = await CoreApi.GetAsync(Client, CoreApi.EventsV1(ns, "vm-1.started"));

        Assert.Equal(
            ["apiVersion", "kind", "metadata", "involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count", "type", "eventTime", "reportingComponent", "reportingInstance"],
            created.Select(p => p.Key));
        Assert.Null(created["eventTime"]);
        Assert.Equal("", (string?)created["reportingComponent"]);
        var e = asEvents.Json;
        Assert.Equal("events.k8s.io/v1", (string?)e["apiVersion"]);
        Assert.Equal("vm-1", (string?)e["regarding"]!["name"]);
        Assert.Equal("Started the machine", (string?)e["note"]);
        Assert.Equal("virtrigaud-controller", (string?)e["deprecatedSource"]!["component"]);
        Assert.Equal("2025-01-01T10:00:00Z", (string?)e["deprecatedFirstTimestamp"]);
        Assert.Equal(3, (int)e["deprecatedCount"]!);
        Assert.Null(e["eventTime"]);
        Assert.Equal(created["metadata"]!["resourceVersion"]!.ToString(), e["metadata"]!["resourceVersion"]!.ToString());
    }

    [Fact]
    public async Task Create_EventsV1Event_IsReadThroughCoreV1()
    {
        var ns = fixture.NewNamespace("ev-new");

        var created = await CoreApi.CreateAsync(Client, CoreApi.EventsV1(ns), NewEvent(ns, "vm-2.rebooted"));
        var asCore = await CoreApi.GetAsync(Client, CoreApi.V1(ns, "events", "vm-2.rebooted"));

        Assert.Equal("2025-01-01T10:00:00.123456Z", (string?)created["eventTime"]);
        var e = asCore.Json;
        Assert.Equal("v1", (string?)e["apiVersion"]);
        Assert.Equal("VirtualMachine", (string?)e["involvedObject"]!["kind"]);
        Assert.Equal("Rebooted on request", (string?)e["message"]);
        Assert.Equal("virtrigaud.io/vm-controller", (string?)e["reportingComponent"]);
        Assert.Equal("controller-0", (string?)e["reportingInstance"]);
        Assert.Equal("Reboot", (string?)e["action"]);
    }

    [Fact]
    public async Task Create_CoreEventInAnotherNamespaceThanItsObject_Returns422()
    {
        var ns = fixture.NewNamespace("ev-legacy");
        var body = CoreEvent(ns, "mismatch");
        body["involvedObject"]!["namespace"] = "elsewhere";

        var response = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "events"), body);

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal([("involvedObject.namespace", "FieldValueInvalid", "Invalid value: \"elsewhere\": does not match event.namespace")], causes);
    }

    [Fact]
    public async Task Create_CoreEventWithEventTime_RequiresTheReportingFields()
    {
        var ns = fixture.NewNamespace("ev-reporting");
        var body = CoreEvent(ns, "reporting");
        body["eventTime"] = "2025-01-01T10:00:00.000000Z";
        body["reason"] = "";

        var response = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "events"), body);

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal(["reportingComponent", "reportingInstance", "action", "reason"], causes.Select(c => c.Field).Distinct());
        Assert.Equal(("reportingComponent", "FieldValueRequired"), (causes[0].Field, causes[0].Reason));
    }

    [Fact]
    public async Task Create_EventsV1EventMissingEverything_Returns422WithEveryCause()
    {
        var ns = fixture.NewNamespace("ev-strict");
        var body = new JsonObject
        {
            ["apiVersion"] = "events.k8s.io/v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = "empty" },
            ["regarding"] = new JsonObject { ["kind"] = "VirtualMachine", ["name"] = "vm", ["namespace"] = ns },
            ["series"] = new JsonObject { ["count"] = 1, ["lastObservedTime"] = "2025-01-01T10:00:00.000000Z" },
            ["deprecatedCount"] = 2,
        };

        var response = await CoreApi.PostAsync(Client, CoreApi.EventsV1(ns), body);

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal(["series.count", "eventTime", "type", "count"], causes.Select(c => c.Field));
        Assert.Contains(("type", "FieldValueInvalid", "Invalid value: \"\": has invalid value: "), causes);
        Assert.StartsWith("Event.events.k8s.io \"empty\" is invalid: ", CoreApi.Message(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_EventsV1Note_Returns422ImmutableButSeriesMayGrow()
    {
        var ns = fixture.NewNamespace("ev-update");
        var created = await CoreApi.CreateAsync(Client, CoreApi.EventsV1(ns), NewEvent(ns, "grows"));

        var note = await CoreApi.PatchAsync(Client, CoreApi.EventsV1(ns, "grows"), """{"note":"changed"}""");
        var series = await CoreApi.PatchAsync(Client, CoreApi.EventsV1(ns, "grows"), """{"series":{"count":2,"lastObservedTime":"2025-01-01T10:05:00.000000Z"}}""");

        Assert.Equal([("message", "FieldValueInvalid", "Invalid value: \"changed\": field is immutable")], CoreApi.AssertStatus(note, 422, "Invalid"));
        Assert.True(series.Code == 200, series.Text);
        Assert.Equal(2, (int)series.Json["series"]!["count"]!);
        Assert.NotEqual(created["metadata"]!["resourceVersion"]!.ToString(), series.Json["metadata"]!["resourceVersion"]!.ToString());
    }

    [Fact]
    public async Task Put_MissingEvent_CreatesIt()
    {
        var ns = fixture.NewNamespace("ev-put");

        var response = await CoreApi.PutAsync(Client, CoreApi.V1(ns, "events", "by-put"), CoreEvent(ns, "by-put"));

        Assert.True(response.Code == 201, response.Text);
    }

    [Fact]
    public async Task List_FieldSelectors_MatchKubeApiserversFields()
    {
        var ns = fixture.NewNamespace("ev-select");
        await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "events"), CoreEvent(ns, "a", objectName: "vm-a"));
        await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "events"), CoreEvent(ns, "b", objectName: "vm-b", type: "Warning"));
        await CoreApi.CreateAsync(Client, CoreApi.EventsV1(ns), NewEvent(ns, "c"));

        async Task<List<string>> Names(string path) => CoreApi.Names(await CoreApi.GetAsync(Client, path));

        Assert.Equal(["a"], await Names(CoreApi.V1(ns, "events", query: "?fieldSelector=involvedObject.name%3Dvm-a")));
        Assert.Equal(["b"], await Names(CoreApi.V1(ns, "events", query: "?fieldSelector=type%3DWarning")));
        Assert.Equal(["a", "b"], await Names(CoreApi.V1(ns, "events", query: "?fieldSelector=source%3Dvirtrigaud-controller")));
        Assert.Equal(["c"], await Names(CoreApi.V1(ns, "events", query: "?fieldSelector=source%3Dvirtrigaud.io%2Fvm-controller")));
        Assert.Equal(["c"], await Names(CoreApi.V1(ns, "events", query: "?fieldSelector=reportingComponent%3Dvirtrigaud.io%2Fvm-controller")));
        Assert.Equal(["a"], await Names(CoreApi.EventsV1(ns, query: "?fieldSelector=regarding.name%3Dvm-a")));
        Assert.Equal(["c"], await Names(CoreApi.EventsV1(ns, query: "?fieldSelector=reportingController%3Dvirtrigaud.io%2Fvm-controller")));
        CoreApi.AssertStatus(await CoreApi.GetAsync(Client, CoreApi.EventsV1(ns, query: "?fieldSelector=source%3Dx")), 400, "BadRequest");
        CoreApi.AssertStatus(await CoreApi.GetAsync(Client, CoreApi.V1(ns, "events", query: "?fieldSelector=regarding.name%3Dx")), 400, "BadRequest");
    }

    [Fact]
    public async Task List_Table_HasKubectlsEventColumns()
    {
        var ns = fixture.NewNamespace("ev-table");
        await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "events"), CoreEvent(ns, "shown"));
        await CoreApi.CreateAsync(Client, CoreApi.EventsV1(ns), NewEvent(ns, "new"));

        var core = await CoreApi.GetAsync(Client, CoreApi.V1(ns, "events"), "application/json;as=Table;g=meta.k8s.io;v=v1");
        var events = await CoreApi.GetAsync(Client, CoreApi.EventsV1(ns), "application/json;as=Table;g=meta.k8s.io;v=v1");

        foreach (var table in new[] { core, events })
        {
            var columns = table.Json["columnDefinitions"]!.AsArray();
            Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"], columns.Select(c => (string?)c!["name"]));
            Assert.Equal([0, 0, 0, 0, 1, 1, 0, 1, 1, 1], columns.Select(c => (int)c!["priority"]!));
            var rows = table.Json["rows"]!.AsArray().ToDictionary(r => (string)r!["cells"]![9]!, r => r!["cells"]!.AsArray());
            Assert.Equal(["Normal", "Started", "virtualmachine/vm-1", "", "virtrigaud-controller, node-1", "Started the machine"], rows["shown"].Skip(1).Take(6).Select(c => (string?)c));
            Assert.Equal(3, (long)rows["shown"][8]!);
            Assert.Equal(["Normal", "Rebooted", "virtualmachine/vm-2", "", "virtrigaud.io/vm-controller, controller-0", "Rebooted on request"], rows["new"].Skip(1).Take(6).Select(c => (string?)c));
            Assert.Equal(1, (long)rows["new"][8]!);
        }
    }

    [Fact]
    public async Task Watch_EventsV1_SeesCoreEventsConverted()
    {
        var ns = fixture.NewNamespace("ev-watch");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, CoreApi.EventsV1(ns, query: "?watch=1&timeoutSeconds=50"));
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "events"), CoreEvent(ns, "watched"));
        var line = await reader.ReadLineAsync(cancel.Token);

        var watchEvent = JsonNode.Parse(line!)!;
        Assert.Equal("ADDED", (string?)watchEvent["type"]);
        Assert.Equal("events.k8s.io/v1", (string?)watchEvent["object"]!["apiVersion"]);
        Assert.Equal("Started the machine", (string?)watchEvent["object"]!["note"]);
    }

    internal static JsonObject CoreEvent(string ns, string name, string objectName = "vm-1", string type = "Normal") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["involvedObject"] = new JsonObject { ["apiVersion"] = "infra.virtrigaud.io/v1beta1", ["kind"] = "VirtualMachine", ["name"] = objectName, ["namespace"] = ns },
        ["reason"] = "Started",
        ["message"] = "Started the machine",
        ["source"] = new JsonObject { ["component"] = "virtrigaud-controller", ["host"] = "node-1" },
        ["firstTimestamp"] = "2025-01-01T10:00:00Z",
        ["lastTimestamp"] = "2025-01-01T10:02:00.5Z",
        ["count"] = 3,
        ["type"] = type,
    };

    internal static JsonObject NewEvent(string ns, string name) => new()
    {
        ["apiVersion"] = "events.k8s.io/v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["eventTime"] = "2025-01-01T10:00:00.123456Z",
        ["reportingController"] = "virtrigaud.io/vm-controller",
        ["reportingInstance"] = "controller-0",
        ["action"] = "Reboot",
        ["reason"] = "Rebooted",
        ["regarding"] = new JsonObject { ["apiVersion"] = "infra.virtrigaud.io/v1beta1", ["kind"] = "VirtualMachine", ["name"] = "vm-2", ["namespace"] = ns },
        ["note"] = "Rebooted on request",
        ["type"] = "Normal",
    };
}

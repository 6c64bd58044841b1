using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Http;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>coordination.k8s.io/v1 Leases over REST, as a leader elector uses them.</summary>
public sealed class LeasesTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task AcquireRenewTakeOver_LikeALeaderElector_UsesOptimisticConcurrency()
    {
        var ns = fixture.NewNamespace("lease-elect");
        var acquired = await CoreApi.CreateAsync(Client, CoreApi.Leases(ns), Lease("leader", "a", "2025-01-01T10:00:00.000000Z", transitions: 0));

        var renewedByA = (JsonObject)acquired.DeepClone();
        renewedByA["spec"]!["renewTime"] = "2025-01-01T10:00:10.000000Z";
        var takenByB = (JsonObject)acquired.DeepClone();
        takenByB["spec"]!["holderIdentity"] = "b";
        takenByB["spec"]!["leaseTransitions"] = 1;
        var renew = await CoreApi.PutAsync(Client, CoreApi.Leases(ns, "leader"), renewedByA);
        var lost = await CoreApi.PutAsync(Client, CoreApi.Leases(ns, "leader"), takenByB);

        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], acquired.Select(p => p.Key));
        Assert.Equal("coordination.k8s.io/v1", (string?)acquired["apiVersion"]);
        Assert.Equal(200, renew.Code);
        Assert.Equal("2025-01-01T10:00:10.000000Z", (string?)renew.Json["spec"]!["renewTime"]);
        CoreApi.AssertStatus(lost, 409, "Conflict");
        Assert.Equal("Operation cannot be fulfilled on leases.coordination.k8s.io \"leader\": the object has been modified; please apply your changes to the latest version and try again", CoreApi.Message(lost));
    }

    [Fact]
    public async Task Put_Missing_CreatesTheLease()
    {
        var ns = fixture.NewNamespace("lease-put");

        var created = await CoreApi.PutAsync(Client, CoreApi.Leases(ns, "by-put"), Lease("by-put", "a", "2025-01-01T10:00:00.000000Z", transitions: 0));
        var read = await CoreApi.GetAsync(Client, CoreApi.Leases(ns, "by-put"));

        Assert.True(created.Code == 201, created.Text);
        Assert.Equal("a", (string?)read.Json["spec"]!["holderIdentity"]);
    }

    [Fact]
    public async Task Create_NonPositiveDurationAndNegativeTransitions_Returns422()
    {
        var ns = fixture.NewNamespace("lease-invalid");
        var body = Lease("bad", "a", "2025-01-01T10:00:00.000000Z", transitions: -1);
        body["spec"]!["leaseDurationSeconds"] = 0;

        var response = await CoreApi.PostAsync(Client, CoreApi.Leases(ns), body);

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal(
            [
                ("spec.leaseDurationSeconds", "FieldValueInvalid", "Invalid value: 0: must be greater than 0"),
                ("spec.leaseTransitions", "FieldValueInvalid", "Invalid value: -1: must be greater than or equal to 0"),
            ],
            causes);
        Assert.StartsWith("Lease.coordination.k8s.io \"bad\" is invalid: ", CoreApi.Message(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"leaseDurationSeconds":"15"}""", "json: cannot unmarshal string into Go struct field LeaseSpec.spec.leaseDurationSeconds of type int32")]
    [InlineData("""{"leaseDurationSeconds":1.5}""", "json: cannot unmarshal number 1.5 into Go struct field LeaseSpec.spec.leaseDurationSeconds of type int32")]
    [InlineData("""{"leaseTransitions":3000000000}""", "json: cannot unmarshal number 3000000000 into Go struct field LeaseSpec.spec.leaseTransitions of type int32")]
    [InlineData("""{"holderIdentity":true}""", "json: cannot unmarshal bool into Go struct field LeaseSpec.spec.holderIdentity of type string")]
    [InlineData("""{"renewTime":"2025-01-01T10:00:00Z"}""", "parsing time \"2025-01-01T10:00:00Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"Z\" as \".000000\"")]
    [InlineData("""{"acquireTime":"2025-13-01T10:00:00.000000Z"}""", "parsing time \"2025-13-01T10:00:00.000000Z\": month out of range")]
    [InlineData("""[]""", "json: cannot unmarshal array into Go struct field Lease.spec of type v1.LeaseSpec")]
    public async Task Create_WrongFieldTypes_Returns400AsGoDecodes(string spec, string error)
    {
        var ns = fixture.NewNamespace("lease-types");
        var body = new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = "typed" },
            ["spec"] = JsonNode.Parse(spec),
        };

        var response = await CoreApi.PostAsync(Client, CoreApi.Leases(ns), body);

        CoreApi.AssertStatus(response, 400, "BadRequest");
        Assert.Equal("Lease in version \"v1\" cannot be handled as a Lease: " + error, CoreApi.Message(response));
    }

    [Fact]
    public async Task Create_CoordinatedLeaderElectionFields_AreDroppedAsWithTheGateOff()
    {
        var ns = fixture.NewNamespace("lease-gate");
        var body = Lease("gated", "a", "2025-01-01T10:00:00.000000Z", transitions: 0);
        body["spec"]!["strategy"] = "OldestEmulationVersion";
        body["spec"]!["preferredHolder"] = "b";

        var created = await CoreApi.CreateAsync(Client, CoreApi.Leases(ns), body);

        Assert.Null(created["spec"]!["strategy"]);
        Assert.Null(created["spec"]!["preferredHolder"]);
    }

    [Fact]
    public async Task List_Table_ShowsTheHolder()
    {
        var ns = fixture.NewNamespace("lease-table");
        await CoreApi.CreateAsync(Client, CoreApi.Leases(ns), Lease("held", "controller-0", "2025-01-01T10:00:00.000000Z", transitions: 0));

        var table = await CoreApi.GetAsync(Client, CoreApi.Leases(ns), "application/json;as=Table;g=meta.k8s.io;v=v1");

        Assert.Equal(["Name", "Holder", "Age"], table.Json["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal(["held", "controller-0"], table.Json["rows"]![0]!["cells"]!.AsArray().Take(2).Select(c => (string?)c));
    }

    private static JsonObject Lease(string name, string holder, string time, int transitions) => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["holderIdentity"] = holder,
            ["leaseDurationSeconds"] = 15,
            ["acquireTime"] = time,
            ["renewTime"] = time,
            ["leaseTransitions"] = transitions,
        },
    };
}

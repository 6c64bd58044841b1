using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Http;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>core/v1 ConfigMaps over REST: kube-apiserver's validation (keys, duplicates, size, immutability) and columns.</summary>
public sealed class ConfigMapsTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Create_DataAndBinaryData_StoresCanonicalAndCountsBothInTheTable()
    {
        var ns = fixture.NewNamespace("cm-create");

        var created = await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "configmaps"), ConfigMap("app", """{"b":"2","a":"1"}""", """{"bin":"AAEC"}"""));
        var table = await CoreApi.GetAsync(Client, CoreApi.V1(ns, "configmaps"), "application/json;as=Table;g=meta.k8s.io;v=v1");

        Assert.Equal(["apiVersion", "kind", "metadata", "data", "binaryData"], created.Select(p => p.Key));
        Assert.Equal(["a", "b"], created["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["Name", "Data", "Age"], table.Json["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal(3, (long)table.Json["rows"]![0]!["cells"]![1]!);
        Assert.Null(created["metadata"]!["generation"]);
    }

    [Fact]
    public async Task Create_KeyInDataAndBinaryData_Returns422OnBoth()
    {
        var ns = fixture.NewNamespace("cm-dup");

        var response = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "configmaps"), ConfigMap("dup", """{"k":"v","bad/key":"x"}""", """{"k":"AA=="}"""));

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Contains(("data[k]", "FieldValueInvalid", "Invalid value: \"k\": duplicate of key present in binaryData"), causes);
        Assert.Contains(("binaryData[k]", "FieldValueInvalid", "Invalid value: \"k\": duplicate of key present in data"), causes);
        Assert.Contains(causes, c => c.Field == "data[bad/key]");
        Assert.StartsWith("ConfigMap \"dup\" is invalid: ", CoreApi.Message(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MoreThanOneMebibyte_Returns422TooLongForTheObject()
    {
        var ns = fixture.NewNamespace("cm-size");
        var half = new string('x', 512 * 1024);
        var binary = Convert.ToBase64String(new byte[(512 * 1024) + 1]);

        var response = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "configmaps"), ConfigMap("big", $$"""{"a":"{{half}}"}""", $$"""{"b":"{{binary}}"}"""));

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal(("FieldValueTooLong", "Too long: may not be more than 1048576 bytes"), (causes.Single().Reason, causes.Single().Message));
    }

    [Fact]
    public async Task Update_Immutable_RefusesDataAndBinaryDataChanges()
    {
        var ns = fixture.NewNamespace("cm-immutable");
        var body = ConfigMap("frozen", """{"k":"v"}""", """{"b":"AA=="}""");
        body["immutable"] = true;
        await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "configmaps"), body);

        var response = await CoreApi.PatchAsync(Client, CoreApi.V1(ns, "configmaps", "frozen"), """{"data":{"k":"w"},"binaryData":null,"immutable":null}""");

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal(["immutable", "data", "binaryData"], causes.Select(c => c.Field));
        Assert.All(causes, c => Assert.Equal("FieldValueForbidden", c.Reason));
    }

    [Fact]
    public async Task Create_WrongValueType_Returns400AsGoDecodes()
    {
        var ns = fixture.NewNamespace("cm-type");

        var response = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "configmaps"), ConfigMap("typed", """{"port":8080}""", null));

        CoreApi.AssertStatus(response, 400, "BadRequest");
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string", CoreApi.Message(response));
    }

    [Fact]
    public async Task Create_UnknownFieldStrict_Returns400AndWarnDropsIt()
    {
        var ns = fixture.NewNamespace("cm-unknown");
        var body = ConfigMap("u", """{"k":"v"}""", null);
        body["spec"] = new JsonObject { ["x"] = 1 };

        var strict = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "configmaps", query: "?fieldValidation=Strict"), body);
        var warned = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "configmaps"), body);

        CoreApi.AssertStatus(strict, 400, "BadRequest");
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"spec\"", CoreApi.Message(strict));
        Assert.Equal(201, warned.Code);
        Assert.Null(warned.Json["spec"]);
        Assert.Contains("299 - \"unknown field \\\"spec\\\"\"", warned.Warnings);
    }

    private static JsonObject ConfigMap(string name, string? data, string? binaryData)
    {
        var cm = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name } };
        if (binaryData is not null)
        {
            cm["binaryData"] = JsonNode.Parse(binaryData);
        }

        if (data is not null)
        {
            cm["data"] = JsonNode.Parse(data);
        }

        return cm;
    }
}

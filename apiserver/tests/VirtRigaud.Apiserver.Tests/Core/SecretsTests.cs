using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VirtRigaud.Apiserver.Tests.Http;
using VirtRigaud.Apiserver.Tests.Testing;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>core/v1 Secrets over REST: kube-apiserver's decoding, validation, canonical form and selectors, and secrecy.</summary>
public sealed class SecretsTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Create_StringDataAndData_MergesStringDataIntoDataAndNeverReturnsIt()
    {
        var ns = fixture.NewNamespace("secret-merge");
        var body = Secret("creds", data: new() { ["user"] = B64("nobody"), ["other"] = B64("kept") }, stringData: new() { ["user"] = "admin", ["token"] = "t0k" });

        var created = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "secrets"), body);
        var read = await CoreApi.GetAsync(Client, CoreApi.V1(ns, "secrets", "creds"));

        Assert.True(created.Code == 201, created.Text);
        foreach (var secret in new[] { created.Json, read.Json })
        {
            Assert.Null(secret["stringData"]);
            Assert.Equal("Opaque", (string?)secret["type"]);
            Assert.Equal(["other", "token", "user"], secret["data"]!.AsObject().Select(p => p.Key));
            Assert.Equal(B64("admin"), (string?)secret["data"]!["user"]);
            Assert.Equal(B64("t0k"), (string?)secret["data"]!["token"]);
            Assert.Equal(["apiVersion", "kind", "metadata", "data", "type"], secret.AsObject().Select(p => p.Key));
        }
    }

    [Fact]
    public async Task Create_InvalidKeys_Returns422WithACausePerKey()
    {
        var ns = fixture.NewNamespace("secret-keys");

        var response = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "secrets"), Secret("bad", data: new() { ["bad key"] = B64("x"), [".."] = B64("y"), ["good.key"] = B64("z") }));

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal(["data[..]", "data[bad key]"], causes.Select(c => c.Field).Distinct());
        Assert.All(causes, c => Assert.Equal("FieldValueInvalid", c.Reason));
        Assert.Contains(causes, c => c.Message == "Invalid value: \"..\": must not be '..'");
        Assert.Contains(causes, c => c.Field == "data[bad key]" && c.Message!.Contains("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", StringComparison.Ordinal));
        Assert.StartsWith("Secret \"bad\" is invalid: ", CoreApi.Message(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("!!!!", "illegal base64 data at input byte 0")]
    [InlineData("QQ", "illegal base64 data at input byte 0")]
    [InlineData("QUJD=", "illegal base64 data at input byte 4")]
    [InlineData("QQ==QQ==", "illegal base64 data at input byte 4")]
    public async Task Create_DataNotBase64_Returns400AsGoDecodes(string value, string error)
    {
        var ns = fixture.NewNamespace("secret-b64");

        var response = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "secrets"), Secret("b64", data: new() { ["k"] = value }));

        CoreApi.AssertStatus(response, 400, "BadRequest");
        Assert.Equal("Secret in version \"v1\" cannot be handled as a Secret: " + error, CoreApi.Message(response));
    }

    [Fact]
    public async Task Create_LineBrokenBase64_IsAcceptedAndStoredCanonical()
    {
        var ns = fixture.NewNamespace("secret-lines");

        var created = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "secrets"), Secret("lines", data: new() { ["k"] = "QUJD\r\nREVG" }));

        Assert.True(created.Code == 201, created.Text);
        Assert.Equal("QUJDREVG", (string?)created.Json["data"]!["k"]);
    }

    [Fact]
    public async Task Create_MoreThanOneMebibyte_Returns422TooLong()
    {
        var ns = fixture.NewNamespace("secret-size");
        var big = Convert.ToBase64String(new byte[(1024 * 1024) + 1]);

        var response = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "secrets"), Secret("big", data: new() { ["blob"] = big }));

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal([("data", "FieldValueTooLong", "Too long: may not be more than 1048576 bytes")], causes);
    }

    [Theory]
    [InlineData("kubernetes.io/tls", "data[tls.crt],data[tls.key]")]
    [InlineData("kubernetes.io/basic-auth", "data[username],data[password]")]
    [InlineData("kubernetes.io/ssh-auth", "data[ssh-privatekey]")]
    [InlineData("kubernetes.io/dockerconfigjson", "data[.dockerconfigjson]")]
    [InlineData("kubernetes.io/service-account-token", "metadata.annotations[kubernetes.io/service-account.name]")]
    public async Task Create_WellKnownTypeWithoutItsKeys_Returns422Required(string type, string fields)
    {
        var ns = fixture.NewNamespace("secret-type");
        var body = Secret("typed", data: new() { ["unrelated"] = B64("x") });
        body["type"] = type;

        var response = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "secrets"), body);

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal(fields.Split(','), causes.Select(c => c.Field));
        Assert.All(causes, c => Assert.Equal("FieldValueRequired", c.Reason));
    }

    [Fact]
    public async Task Create_DockerConfigJsonNotJson_Returns422WithoutTheContents()
    {
        var ns = fixture.NewNamespace("secret-docker");
        var body = Secret("docker", data: new() { [".dockerconfigjson"] = B64("{not json but a hunter2 password") });
        body["type"] = "kubernetes.io/dockerconfigjson";

        var response = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "secrets"), body);

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal("data[.dockerconfigjson]", causes.Single().Field);
        Assert.DoesNotContain("hunter2", response.Text, StringComparison.Ordinal);
        Assert.Contains("<secret contents redacted>", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_TypeChanged_Returns422Immutable()
    {
        var ns = fixture.NewNamespace("secret-type-change");
        var created = await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "secrets"), Secret("t", data: new() { ["k"] = B64("v") }));
        created = JsonNode.Parse(created.ToJsonString())!.AsObject();
        created["type"] = "example.com/custom";

        var response = await CoreApi.PutAsync(Client, CoreApi.V1(ns, "secrets", "t"), created);

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal([("type", "FieldValueInvalid", "Invalid value: \"example.com/custom\": field is immutable")], causes);
    }

    [Fact]
    public async Task Update_ImmutableSecret_RefusesDataChangesAndUnsettingButAllowsMetadata()
    {
        var ns = fixture.NewNamespace("secret-immutable");
        var body = Secret("frozen", data: new() { ["k"] = B64("v") });
        body["immutable"] = true;
        await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "secrets"), body);

        var dataChange = await CoreApi.PatchAsync(Client, CoreApi.V1(ns, "secrets", "frozen"), $$$"""{"data":{"k":"{{{B64("w")}}}"}}""");
        var unset = await CoreApi.PatchAsync(Client, CoreApi.V1(ns, "secrets", "frozen"), """{"immutable":false}""");
        var labels = await CoreApi.PatchAsync(Client, CoreApi.V1(ns, "secrets", "frozen"), """{"metadata":{"labels":{"team":"a"}}}""");

        Assert.Equal([("data", "FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set")], CoreApi.AssertStatus(dataChange, 422, "Invalid"));
        Assert.Equal([("immutable", "FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set")], CoreApi.AssertStatus(unset, 422, "Invalid"));
        Assert.True(labels.Code == 200, labels.Text);
        Assert.Equal("a", (string?)labels.Json["metadata"]!["labels"]!["team"]);
    }

    [Fact]
    public async Task Write_ConflictsAndMissing_AnswerAsKubeApiserver()
    {
        var ns = fixture.NewNamespace("secret-conflict");
        var created = await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "secrets"), Secret("c", data: new() { ["k"] = B64("v") }));
        var stale = JsonNode.Parse(created.ToJsonString())!.AsObject();
        await CoreApi.PatchAsync(Client, CoreApi.V1(ns, "secrets", "c"), """{"metadata":{"labels":{"x":"y"}}}""");

        var again = await CoreApi.PostAsync(Client, CoreApi.V1(ns, "secrets"), Secret("c"));
        var staleUpdate = await CoreApi.PutAsync(Client, CoreApi.V1(ns, "secrets", "c"), stale);
        var putMissing = await CoreApi.PutAsync(Client, CoreApi.V1(ns, "secrets", "nope"), Secret("nope"));
        var getMissing = await CoreApi.GetAsync(Client, CoreApi.V1(ns, "secrets", "nope"));

        CoreApi.AssertStatus(again, 409, "AlreadyExists");
        Assert.Equal("secrets \"c\" already exists", CoreApi.Message(again));
        CoreApi.AssertStatus(staleUpdate, 409, "Conflict");
        Assert.Equal("Operation cannot be fulfilled on secrets \"c\": the object has been modified; please apply your changes to the latest version and try again", CoreApi.Message(staleUpdate));
        CoreApi.AssertStatus(putMissing, 404, "NotFound");
        CoreApi.AssertStatus(getMissing, 404, "NotFound");
        Assert.Equal("secrets \"nope\" not found", CoreApi.Message(getMissing));
    }

    [Fact]
    public async Task List_FieldSelectorOnType_SelectsAndUnknownFieldIs400()
    {
        var ns = fixture.NewNamespace("secret-select");
        await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "secrets"), Secret("opaque", data: new() { ["k"] = B64("v") }));
        var basic = Secret("basic", data: new() { ["username"] = B64("u") });
        basic["type"] = "kubernetes.io/basic-auth";
        await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "secrets"), basic);

        var selected = await CoreApi.GetAsync(Client, CoreApi.V1(ns, "secrets", query: "?fieldSelector=type%3Dkubernetes.io%2Fbasic-auth"));
        var all = await CoreApi.GetAsync(Client, CoreApi.V1(ns, "secrets"));
        var unsupported = await CoreApi.GetAsync(Client, CoreApi.V1(ns, "secrets", query: "?fieldSelector=data.k%3Dv"));

        Assert.Equal(["basic"], CoreApi.Names(selected));
        Assert.Equal(["basic", "opaque"], CoreApi.Names(all));
        Assert.Equal("SecretList", (string?)all.Json["kind"]);
        Assert.Equal("v1", (string?)all.Json["apiVersion"]);
        CoreApi.AssertStatus(unsupported, 400, "BadRequest");
        Assert.Equal("field label not supported: data.k", CoreApi.Message(unsupported));
    }

    [Fact]
    public async Task Get_Table_HasKubeApiserversColumnsAndNoSecretInRows()
    {
        var ns = fixture.NewNamespace("secret-table");
        var body = Secret("shown", data: new() { ["a"] = B64("1"), ["b"] = B64("2") });
        body["metadata"]!["annotations"] = new JsonObject
        {
            ["kubectl.kubernetes.io/last-applied-configuration"] = "{\"data\":{\"a\":\"" + B64("1") + "\"}}",
            ["note"] = "kept",
        };
        await CoreApi.CreateAsync(Client, CoreApi.V1(ns, "secrets"), body);

        var table = await CoreApi.GetAsync(Client, CoreApi.V1(ns, "secrets"), "application/json;as=Table;g=meta.k8s.io;v=v1");
        var partial = await CoreApi.GetAsync(Client, CoreApi.V1(ns, "secrets", "shown"), "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1");

        Assert.Equal(["Name", "Type", "Data", "Age"], table.Json["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        var row = table.Json["rows"]![0]!;
        Assert.Equal("shown", (string?)row["cells"]![0]);
        Assert.Equal("Opaque", (string?)row["cells"]![1]);
        Assert.Equal(2, (long)row["cells"]![2]!);
        Assert.Matches("^[0-9]+s$", (string?)row["cells"]![3]);
        foreach (var metadata in new[] { row["object"]!["metadata"]!, partial.Json["metadata"]! })
        {
            Assert.Equal(["note"], metadata["annotations"]!.AsObject().Select(p => p.Key));
        }

        Assert.DoesNotContain(B64("1"), table.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(B64("1"), partial.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SyntaxError_DoesNotQuoteTheBody()
    {
        var ns = fixture.NewNamespace("secret-syntax");

        var response = await CoreApi.SendAsync(Client, HttpMethod.Post, CoreApi.V1(ns, "secrets"), "{\"data\":{\"k\":\"c2VjcmV0LXZhbHVl\"");

        CoreApi.AssertStatus(response, 400, "BadRequest");
        Assert.DoesNotContain("c2VjcmV0LXZhbHVl", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_EveryOperation_NeverLogsASecretValue()
    {
        using var logs = new CapturingLoggerProvider();
        await using var server = await TestApiServer.StartAsync(configureLogging: logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFilter(_ => true);
            logging.AddProvider(logs);
        });
        const string plain = "p4ss-w0rd-never-logged";
        var encoded = B64(plain);
        var client = server.Client;

        await CoreApi.CreateAsync(client, CoreApi.V1("logs", "secrets"), Secret("s", stringData: new() { ["password"] = plain }));
        await CoreApi.GetAsync(client, CoreApi.V1("logs", "secrets", "s"));
        await CoreApi.GetAsync(client, "/api/v1/secrets?watch=1&timeoutSeconds=1");
        await CoreApi.PatchAsync(client, CoreApi.V1("logs", "secrets", "s"), $$$"""{"data":{"password":"{{{encoded}}}","bad key":"{{{encoded}}}"}}""");
        await CoreApi.PostAsync(client, CoreApi.V1("logs", "secrets"), Secret("t", data: new() { ["k"] = encoded + "!" }));
        await CoreApi.SendAsync(client, HttpMethod.Post, CoreApi.V1("logs", "secrets"), "{\"stringData\":{\"k\":\"" + plain + "\"");
        await CoreApi.DeleteAsync(client, CoreApi.V1("logs", "secrets", "s"));
        await server.StopAsync();

        Assert.NotEmpty(logs.Text);
        Assert.DoesNotContain(plain, logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(encoded, logs.Text, StringComparison.Ordinal);
    }

    private static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private static JsonObject Secret(string name, Dictionary<string, string>? data = null, Dictionary<string, string>? stringData = null)
    {
        var secret = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = name } };
        if (data is not null)
        {
            secret["data"] = new JsonObject(data.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }

        if (stringData is not null)
        {
            secret["stringData"] = new JsonObject(stringData.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }

        return secret;
    }
}

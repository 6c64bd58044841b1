using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Testing;

namespace VirtRigaud.Apiserver.Tests.Clients;

/// <summary>
/// One running API server shared by the tests of a class (<c>IClassFixture</c>), with a scratch directory for
/// manifests and editor scripts and one <see cref="Kubectl"/> runner per binary (each with its own HOME, so a binary's
/// discovery cache is reused across the class). Tests isolate themselves by namespace, not by server.
/// </summary>
public sealed class ClientServerFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Kubectl> _runners = new(StringComparer.Ordinal);
    private TestApiServer? _server;

    /// <summary>The server (started by <see cref="InitializeAsync"/>).</summary>
    public TestApiServer Server => _server ?? throw new InvalidOperationException("the fixture is not initialized");

    /// <summary>A scratch directory deleted with the fixture.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("virtrigaud-clients-").FullName;

    public async Task InitializeAsync() => _server = await TestApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>The runner of <paramref name="binary"/> for this server (created on first use; fails loudly if the binary is missing).</summary>
    public Kubectl Kubectl(string binary = ClientBinaries.Dispatcher) =>
        _runners.GetOrAdd(binary, b => new Kubectl(b, Server.KubeconfigPath, Path.Combine(Directory, "home" + b.Replace('/', '_'))));

    /// <summary>Writes <paramref name="content"/> to a new file of the scratch directory and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>
    /// Creates an object through the REST API directly (not through the client under test), so that a test of one
    /// kubectl verb does not depend on another verb working. Fails the test on any non-2xx answer.
    /// </summary>
    public async Task<JsonObject> CreateAsync(string @namespace, string plural, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await Server.Client.PostAsync(new Uri($"/apis/infra.virtrigaud.io/v1beta1/namespaces/{@namespace}/{plural}", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {plural} in {@namespace}: {(int)response.StatusCode}\n{body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Creates a VirtualMachine <paramref name="name"/> referencing <paramref name="provider"/> and class <c>small</c>, labelled with <paramref name="labels"/>.</summary>
    public Task<JsonObject> CreateVirtualMachineAsync(string @namespace, string name, string provider = "libvirt-lab", string labels = "{}", string finalizers = "[]")
    {
        var vm = new JsonObject
        {
            ["apiVersion"] = "infra.virtrigaud.io/v1beta1",
            ["kind"] = "VirtualMachine",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = JsonNode.Parse(labels), ["finalizers"] = JsonNode.Parse(finalizers) },
            ["spec"] = new JsonObject
            {
                ["providerRef"] = new JsonObject { ["name"] = provider },
                ["classRef"] = new JsonObject { ["name"] = "small" },
                ["imageRef"] = new JsonObject { ["name"] = "ubuntu-24-04" },
                ["powerState"] = "On",
            },
        };
        return CreateAsync(@namespace, "virtualmachines", vm.ToJsonString());
    }
}

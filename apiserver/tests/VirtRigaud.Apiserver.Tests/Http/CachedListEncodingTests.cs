using System.Text.Json.Nodes;
using static VirtRigaud.Apiserver.Tests.Http.Api;

namespace VirtRigaud.Apiserver.Tests.Http;

/// <summary>Lists served from the watch cache write each item's cached encoding; the bytes must not differ from the storage path.</summary>
public sealed class CachedListEncodingTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task List_FromCacheAndFromStorage_WriteIdenticalItems()
    {
        var ns = fixture.NewNamespace("listbytes");
        var vm = Vm("a", ns);
        vm["metadata"]!["annotations"] = new JsonObject { ["note"] = "<b>&'\"é\u2028" };
        await CreateAsync(fixture.Client, ns, "virtualmachines", vm);
        await CreateAsync(fixture.Client, ns, "virtualmachines", Vm("b", ns));
        var stored = await fixture.Client.GetStringAsync(Path(ns, "virtualmachines"));

        string cached;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            // rv=0 is whatever the cache holds: wait until it has both objects.
            cached = await fixture.Client.GetStringAsync(Path(ns, "virtualmachines", query: "?resourceVersion=0"));
        }
        while (JsonNode.Parse(cached)!["items"]!.AsArray().Count < 2 && DateTime.UtcNow < deadline);

        Assert.Equal(Items(stored), Items(cached));
        Assert.Contains("<b>&'", Items(cached), StringComparison.Ordinal);
    }

    private static string Items(string list) => list[list.IndexOf("\"items\":", StringComparison.Ordinal)..];
}

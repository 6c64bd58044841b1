using System.Net;
using System.Net.Http.Headers;
using VirtRigaud.Apiserver.OpenApi.Protobuf.Gnostic;
using VirtRigaud.Apiserver.Tests.Discovery;

namespace VirtRigaud.Apiserver.Tests.OpenApi.Protobuf;

public sealed class OpenApiV2ProtobufEndpointTests : IAsyncLifetime
{
    private const string Deprecated = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
    private const string Current = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private EndpointTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EndpointTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(Deprecated)]
    [InlineData(Current)]
    [InlineData(Deprecated + ", application/json")]
    public async Task GetV2_ProtobufAccept_ServesTheGnosticDocument(string accept)
    {
        using var response = await SendAsync(HttpMethod.Get, "/openapi/v2", accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Current, response.Content.Headers.ContentType!.ToString());
        Assert.Equal(["Accept"], response.Headers.Vary);
        Assert.NotNull(response.Headers.ETag);
        var document = Document.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("2.0", document.Swagger);
        Assert.Contains(document.Definitions.AdditionalProperties, d => d.Name == "io.virtrigaud.infra.v1beta1.VirtualMachine");
    }

    [Fact]
    public async Task GetV2_JsonOrNoAccept_StillServesJsonWithItsOwnETag()
    {
        using var json = await SendAsync(HttpMethod.Get, "/openapi/v2", "application/json");
        using var none = await SendAsync(HttpMethod.Get, "/openapi/v2", accept: null);
        using var protobuf = await SendAsync(HttpMethod.Get, "/openapi/v2", Deprecated);

        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal("application/json", none.Content.Headers.ContentType!.MediaType);
        Assert.Equal(json.Headers.ETag, none.Headers.ETag);
        Assert.NotEqual(json.Headers.ETag, protobuf.Headers.ETag);
    }

    [Fact]
    public async Task GetV2_ProtobufWithMatchingIfNoneMatch_NotModified()
    {
        using var first = await SendAsync(HttpMethod.Get, "/openapi/v2", Deprecated);

        using var second = await SendAsync(HttpMethod.Get, "/openapi/v2", Deprecated, first.Headers.ETag);
        using var jsonWithProtobufTag = await SendAsync(HttpMethod.Get, "/openapi/v2", "application/json", first.Headers.ETag);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, jsonWithProtobufTag.StatusCode);
    }

    [Fact]
    public async Task HeadV2_Protobuf_HeadersWithoutBody()
    {
        using var get = await SendAsync(HttpMethod.Get, "/openapi/v2", Current);

        using var head = await SendAsync(HttpMethod.Head, "/openapi/v2", Current);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/vnd.kubernetes.protobuf")]
    public async Task GetV2_NothingServable_NotAcceptable(string accept)
    {
        using var response = await SendAsync(HttpMethod.Get, "/openapi/v2", accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal(["Accept"], response.Headers.Vary);
    }

    [Theory]
    [InlineData("application/json, */*")]
    [InlineData(null)]
    public async Task GetLegacyPath_AnyAccept_ServesProtobuf(string? accept)
    {
        using var legacy = await SendAsync(HttpMethod.Get, "/swagger-2.0.0.pb-v1", accept);
        using var current = await SendAsync(HttpMethod.Get, "/openapi/v2", Current);

        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.Equal(Current, legacy.Content.Headers.ContentType!.ToString());
        Assert.Equal(await current.Content.ReadAsByteArrayAsync(), await legacy.Content.ReadAsByteArrayAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? accept, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accept is not null)
        {
            // Without validation: the deprecated media type's '@' is not a token character.
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await _host.Client.SendAsync(request);
    }
}

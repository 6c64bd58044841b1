using Microsoft.AspNetCore.Http;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Http;

namespace VirtRigaud.Apiserver.Tests.Http;

public sealed class ContentNegotiatorTests
{
    [Theory]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", "Table", "v1", false)]
    [InlineData("application/json;as=Table;v=v1beta1;g=meta.k8s.io", "Table", "v1beta1", false)]
    [InlineData("application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json", "PartialObjectMetadata", "v1", false)]
    [InlineData("application/yaml", "Object", "v1", true)]
    [InlineData("*/*", "Object", "v1", false)]
    [InlineData("application/json;as=Foo;g=meta.k8s.io;v=v1, application/yaml", "Object", "v1", true)]
    [InlineData("application/json;q=0.5, application/yaml;q=0.9", "Object", "v1", true)]
    [InlineData("application/vnd.kubernetes.protobuf, */*", "Object", "v1", false)]
    [InlineData("", "Object", "v1", false)]
    public void Negotiate_AcceptHeader_PicksFirstServable(string accept, string target, string version, bool yaml)
    {
        var request = Request(accept);

        var format = ContentNegotiator.Negotiate(request, allowTransform: true, watch: false);

        Assert.Equal(target, format.Target.ToString());
        Assert.Equal(version, format.MetaVersion);
        Assert.Equal(yaml, format.Yaml);
    }

    [Theory]
    [InlineData("application/vnd.kubernetes.protobuf")]
    [InlineData("text/html")]
    [InlineData("application/json;q=0")]
    [InlineData("application/json;as=Table;g=meta.k8s.io;v=v2")]
    public void Negotiate_Unsatisfiable_Throws406(string accept)
    {
        var e = Assert.Throws<StatusException>(() => ContentNegotiator.Negotiate(Request(accept), allowTransform: true, watch: false));

        Assert.Equal(406, e.Code);
        Assert.Equal("only the following media types are accepted: application/json, application/yaml", e.Status.Message);
    }

    [Fact]
    public void Negotiate_WatchWithYamlOnly_Throws406()
    {
        Assert.Throws<StatusException>(() => ContentNegotiator.Negotiate(Request("application/yaml"), allowTransform: true, watch: true));
    }

    [Fact]
    public void Negotiate_StreamWatchOnWatch_IsJson()
    {
        var format = ContentNegotiator.Negotiate(Request("application/json;stream=watch"), allowTransform: true, watch: true);

        Assert.False(format.Yaml);
    }

    [Fact]
    public void Negotiate_TransformNotAllowed_SkipsToPlainJson()
    {
        var format = ContentNegotiator.Negotiate(Request("application/json;as=Table;v=v1;g=meta.k8s.io,application/json"), allowTransform: false, watch: false);

        Assert.Equal(ResponseTarget.Object, format.Target);
    }

    [Theory]
    [InlineData("curl/8.5.0", "", true)]
    [InlineData("Mozilla/5.0 (X11)", "", true)]
    [InlineData("Wget/1.21", "", true)]
    [InlineData("kubectl/v1.33.0 (linux/amd64)", "", false)]
    [InlineData("kubectl/v1.33.0", "?pretty=true", true)]
    [InlineData("curl/8.5.0", "?pretty=false", false)]
    [InlineData("kubectl/v1.33.0", "?pretty=1", true)]
    [InlineData("kubectl/v1.33.0", "?pretty=yes", false)]
    public void IsPrettyPrint_UserAgentAndQuery_FollowsKubeApiserver(string userAgent, string query, bool expected)
    {
        var request = Request("");
        request.Headers.UserAgent = userAgent;
        request.QueryString = new QueryString(query);

        Assert.Equal(expected, ContentNegotiator.IsPrettyPrint(request));
    }

    [Fact]
    public void ParseAccept_QualityAndSpecificity_OrdersBestFirst()
    {
        var ranges = MediaTypeRange.ParseAccept(["*/*;q=0.8, application/*, application/json;q=0.8, application/yaml"]);

        Assert.Equal(["application/yaml", "application/*", "application/json", "*/*"], ranges.Select(r => r.MediaType));
    }

    private static HttpRequest Request(string accept)
    {
        var context = new DefaultHttpContext();
        if (accept.Length > 0)
        {
            context.Request.Headers.Accept = accept;
        }

        return context.Request;
    }
}

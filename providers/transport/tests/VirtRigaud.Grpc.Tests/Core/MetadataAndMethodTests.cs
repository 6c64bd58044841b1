using VirtRigaud.Grpc.Health.V1;

namespace VirtRigaud.Grpc.Tests.Core;

public sealed class MetadataAndMethodTests
{
    [Fact]
    public void Metadata_KeysAreLowerCasedAndRepeatable()
    {
        var md = new Metadata().Add("X-Trace", "a").Add("x-trace", "b").Add("data-bin", [1, 2]);
        Assert.Equal(["a", "b"], md.GetAll("x-trace").Select(e => e.Value));
        Assert.Equal("b", md.GetValue("X-TRACE"));
        Assert.Equal(new byte[] { 1, 2 }, md.GetValueBytes("data-bin"));
        Assert.True(md.Get("data-bin")!.IsBinary);
        Assert.Null(md.Get("missing"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad key")]
    [InlineData("ключ")]
    public void Metadata_InvalidKey_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add(key, "v"));
    }

    [Fact]
    public void Metadata_BinaryRules_AreEnforced()
    {
        Assert.Throws<ArgumentException>(() => new MetadataEntry("x-bin", "text"));
        Assert.Throws<ArgumentException>(() => new MetadataEntry("x", [1]));
        Assert.Throws<ArgumentException>(() => new MetadataEntry("x", "line\nbreak"));
        Assert.Throws<InvalidOperationException>(() => new MetadataEntry("x-bin", [1]).Value);
    }

    [Fact]
    public void Method_FromDescriptor_KnowsPathAndKind()
    {
        var service = HealthReflection.Descriptor.Services[0];
        var check = Method<HealthCheckRequest, HealthCheckResponse>.Create(service, "Check");
        var watch = Method<HealthCheckRequest, HealthCheckResponse>.Create(service, "Watch");
        Assert.Equal("/grpc.health.v1.Health/Check", check.FullName);
        Assert.Equal("grpc.health.v1.Health", check.ServiceName);
        Assert.Equal(MethodType.Unary, check.Type);
        Assert.Equal(MethodType.ServerStreaming, watch.Type);
    }

    [Fact]
    public void Method_WrongMessageTypesOrName_Throw()
    {
        var service = HealthReflection.Descriptor.Services[0];
        Assert.Throws<ArgumentException>(() => Method<HealthCheckResponse, HealthCheckResponse>.Create(service, "Check"));
        Assert.Throws<ArgumentException>(() => Method<HealthCheckRequest, HealthCheckResponse>.Create(service, "Nope"));
    }

    [Fact]
    public void RpcException_CarriesStatusAndTrailers()
    {
        var trailers = new Metadata().Add("x-detail", "boom");
        var e = new RpcException(new Status(StatusCode.InvalidArgument, "bad"), trailers);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("bad", e.Status.Detail);
        Assert.Same(trailers, e.Trailers);
        Assert.Contains("InvalidArgument", e.Message, StringComparison.Ordinal);
    }
}

using Google.Protobuf.WellKnownTypes;
using VirtRigaud.Grpc.Health.V1;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class GrpcServiceDefinitionTests
{
    private static readonly UnaryServerMethod<StringValue, StringValue> UnaryEcho = (request, _) => Task.FromResult(request);

    [Fact]
    public void Build_HandlersOfEachKind_ListsTheirPaths()
    {
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary("Unary", UnaryEcho)
            .AddServerStreaming<StringValue, StringValue>("ServerStream", (_, _, _) => Task.CompletedTask)
            .AddClientStreaming<StringValue, StringValue>("ClientStream", (_, _) => Task.FromResult(new StringValue()))
            .AddDuplexStreaming<StringValue, StringValue>("Duplex", (_, _, _) => Task.CompletedTask)
            .Build();

        Assert.Equal("virtrigaud.test.Echo", definition.ServiceName);
        Assert.Same(EchoProto.Service, definition.Descriptor);
        Assert.Equal(
            ["/virtrigaud.test.Echo/Unary", "/virtrigaud.test.Echo/ServerStream", "/virtrigaud.test.Echo/ClientStream", "/virtrigaud.test.Echo/Duplex"],
            definition.ImplementedMethods);
    }

    [Theory]
    [InlineData("ServerStream")]
    [InlineData("ClientStream")]
    [InlineData("Duplex")]
    public void AddUnary_StreamingMethod_Throws(string name)
    {
        var builder = GrpcServiceDefinition.For(EchoProto.Service);

        var e = Assert.Throws<ArgumentException>(() => builder.AddUnary(name, UnaryEcho));
        Assert.Contains("cannot take a unary handler", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddServerStreaming_UnaryMethod_Throws()
    {
        var builder = GrpcServiceDefinition.For(EchoProto.Service);

        Assert.Throws<ArgumentException>(() => builder.AddServerStreaming<StringValue, StringValue>("Unary", (_, _, _) => Task.CompletedTask));
    }

    [Fact]
    public void AddUnary_NameNotInDescriptor_Throws()
    {
        var builder = GrpcServiceDefinition.For(EchoProto.Service);

        Assert.Throws<ArgumentException>(() => builder.AddUnary("Nope", UnaryEcho));
    }

    [Fact]
    public void AddUnary_WrongMessageTypes_Throws()
    {
        var builder = GrpcServiceDefinition.For(EchoProto.Service);

        Assert.Throws<ArgumentException>(() => builder.AddUnary<HealthCheckRequest, HealthCheckResponse>("Unary", (_, _) => Task.FromResult(new HealthCheckResponse())));
    }

    [Fact]
    public void AddUnary_MethodOfAnotherService_Throws()
    {
        var builder = GrpcServiceDefinition.For(EchoProto.Service);
        var check = Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Check");

        Assert.Throws<ArgumentException>(() => builder.AddUnary(check, (_, _) => Task.FromResult(new HealthCheckResponse())));
    }

    [Fact]
    public void AddUnary_Twice_Throws()
    {
        var builder = GrpcServiceDefinition.For(EchoProto.Service).AddUnary("Unary", UnaryEcho);

        Assert.Throws<ArgumentException>(() => builder.AddUnary(EchoProto.Unary, UnaryEcho));
    }
}

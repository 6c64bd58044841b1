using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace VirtRigaud.Grpc.Tests.Server;

/// <summary>
/// A test service with one method of each kind, described by a real protobuf descriptor (built the way generated code
/// builds it) over google.protobuf.StringValue, so the server is exercised exactly as with a Grpc.Tools-generated file.
/// <code>
/// service Echo {
///   rpc Unary(StringValue) returns (StringValue);
///   rpc ServerStream(StringValue) returns (stream StringValue);
///   rpc ClientStream(stream StringValue) returns (StringValue);
///   rpc Duplex(stream StringValue) returns (stream StringValue);
///   rpc Unhandled(StringValue) returns (StringValue);   // never given a handler
/// }
/// </code>
/// </summary>
internal static class EchoProto
{
    public const string ServiceName = "virtrigaud.test.Echo";

    public static FileDescriptor File { get; } = BuildFile();

    public static ServiceDescriptor Service => File.Services[0];

    public static Method<StringValue, StringValue> Unary { get; } = Method<StringValue, StringValue>.Create(Service, "Unary");

    public static Method<StringValue, StringValue> ServerStream { get; } = Method<StringValue, StringValue>.Create(Service, "ServerStream");

    public static Method<StringValue, StringValue> ClientStream { get; } = Method<StringValue, StringValue>.Create(Service, "ClientStream");

    public static Method<StringValue, StringValue> Duplex { get; } = Method<StringValue, StringValue>.Create(Service, "Duplex");

    private static FileDescriptor BuildFile()
    {
        var proto = new FileDescriptorProto
        {
            Name = "virtrigaud/test/echo.proto",
            Package = "virtrigaud.test",
            Syntax = "proto3",
            Dependency = { "google/protobuf/wrappers.proto" },
            Service =
            {
                new ServiceDescriptorProto
                {
                    Name = "Echo",
                    Method =
                    {
                        Rpc("Unary", clientStreaming: false, serverStreaming: false),
                        Rpc("ServerStream", clientStreaming: false, serverStreaming: true),
                        Rpc("ClientStream", clientStreaming: true, serverStreaming: false),
                        Rpc("Duplex", clientStreaming: true, serverStreaming: true),
                        Rpc("Unhandled", clientStreaming: false, serverStreaming: false),
                    },
                },
            },
        };
        return FileDescriptor.FromGeneratedCode(proto.ToByteArray(), [WrappersReflection.Descriptor], new GeneratedClrTypeInfo(null, null, null));
    }

    private static MethodDescriptorProto Rpc(string name, bool clientStreaming, bool serverStreaming) => new()
    {
        Name = name,
        InputType = ".google.protobuf.StringValue",
        OutputType = ".google.protobuf.StringValue",
        ClientStreaming = clientStreaming,
        ServerStreaming = serverStreaming,
    };
}

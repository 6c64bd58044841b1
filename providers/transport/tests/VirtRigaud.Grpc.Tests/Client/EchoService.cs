using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace VirtRigaud.Grpc.Tests.Client;

/// <summary>
/// A test service with one method per call kind, all taking and returning <see cref="StringValue"/>. Its descriptor is
/// built at run time from a FileDescriptorProto (the way generated code does it), so the tests need no .proto file.
/// </summary>
internal static class EchoService
{
    public const string Name = "virtrigaud.test.Echo";

    public static readonly ServiceDescriptor Descriptor = Build();

    public static readonly Method<StringValue, StringValue> Unary = Method<StringValue, StringValue>.Create(Descriptor, "Unary");

    public static readonly Method<StringValue, StringValue> ServerStream = Method<StringValue, StringValue>.Create(Descriptor, "ServerStream");

    public static readonly Method<StringValue, StringValue> ClientStream = Method<StringValue, StringValue>.Create(Descriptor, "ClientStream");

    public static readonly Method<StringValue, StringValue> Bidi = Method<StringValue, StringValue>.Create(Descriptor, "Bidi");

    /// <summary>The HTTP/2 path of a method.</summary>
    public static string PathOf(string method) => $"/{Name}/{method}";

    private static ServiceDescriptor Build()
    {
        const string StringValueType = ".google.protobuf.StringValue";
        var file = new FileDescriptorProto
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
                        new MethodDescriptorProto { Name = "Unary", InputType = StringValueType, OutputType = StringValueType },
                        new MethodDescriptorProto { Name = "ServerStream", InputType = StringValueType, OutputType = StringValueType, ServerStreaming = true },
                        new MethodDescriptorProto { Name = "ClientStream", InputType = StringValueType, OutputType = StringValueType, ClientStreaming = true },
                        new MethodDescriptorProto { Name = "Bidi", InputType = StringValueType, OutputType = StringValueType, ClientStreaming = true, ServerStreaming = true },
                    },
                },
            },
        };
        var descriptor = FileDescriptor.FromGeneratedCode(file.ToByteArray(), [WrappersReflection.Descriptor], new GeneratedClrTypeInfo(null, null, null));
        return descriptor.Services[0];
    }
}

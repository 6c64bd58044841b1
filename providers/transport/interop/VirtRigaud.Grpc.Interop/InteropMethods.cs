using Google.Protobuf.Reflection;
using VirtRigaud.Grpc.Interop.Testing;

namespace VirtRigaud.Grpc.Interop;

/// <summary>The interop services and the methods the client calls, built once from the generated descriptors.</summary>
public static class InteropMethods
{
    /// <summary><c>grpc.testing.TestService</c>.</summary>
    public static readonly ServiceDescriptor TestService = Service("TestService");

    /// <summary><c>grpc.testing.UnimplementedService</c>: no server registers it.</summary>
    public static readonly ServiceDescriptor UnimplementedService = Service("UnimplementedService");

    public static readonly Method<Empty, Empty> EmptyCall = Method<Empty, Empty>.Create(TestService, "EmptyCall");

    public static readonly Method<SimpleRequest, SimpleResponse> UnaryCall = Method<SimpleRequest, SimpleResponse>.Create(TestService, "UnaryCall");

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCall =
        Method<StreamingOutputCallRequest, StreamingOutputCallResponse>.Create(TestService, "StreamingOutputCall");

    public static readonly Method<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCall =
        Method<StreamingInputCallRequest, StreamingInputCallResponse>.Create(TestService, "StreamingInputCall");

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCall =
        Method<StreamingOutputCallRequest, StreamingOutputCallResponse>.Create(TestService, "FullDuplexCall");

    /// <summary><c>TestService/UnimplementedCall</c>: declared by the service, implemented by no server.</summary>
    public static readonly Method<Empty, Empty> UnimplementedCall = Method<Empty, Empty>.Create(TestService, "UnimplementedCall");

    /// <summary><c>UnimplementedService/UnimplementedCall</c>.</summary>
    public static readonly Method<Empty, Empty> UnimplementedServiceCall = Method<Empty, Empty>.Create(UnimplementedService, "UnimplementedCall");

    private static ServiceDescriptor Service(string name) =>
        TestReflection.Descriptor.Services.Single(s => s.Name == name);
}

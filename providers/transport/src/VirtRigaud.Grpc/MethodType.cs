namespace VirtRigaud.Grpc;

/// <summary>The four kinds of call, from the streaming flags of a protobuf method.</summary>
public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}

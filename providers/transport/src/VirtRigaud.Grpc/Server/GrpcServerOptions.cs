using System.ComponentModel.DataAnnotations;
using VirtRigaud.Grpc.Internal;

namespace VirtRigaud.Grpc;

/// <summary>Settings of the gRPC server, shared by every mapped service. Validated at start-up.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The largest request message accepted, after decompression (default 4 MiB; <c>null</c> = no limit). Larger ones fail the call with RESOURCE_EXHAUSTED.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>The largest response message a handler may send (<c>null</c> = no limit). Larger ones fail the call with RESOURCE_EXHAUSTED.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Whether the message of an unexpected handler exception is sent to the client. Off by default: exception texts
    /// can carry internals, so clients only learn that the handler failed (UNKNOWN).
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Interceptors around every call, outermost first.</summary>
    public IList<ServerInterceptor> Interceptors { get; } = new List<ServerInterceptor>();
}

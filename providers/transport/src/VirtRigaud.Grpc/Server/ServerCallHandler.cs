namespace VirtRigaud.Grpc;

/// <summary>
/// Runs one kind of call (grpc-dotnet's server call handlers): reads the request side, invokes the typed handler and
/// writes the response side. Transport concerns (status, deadline, trailers) stay in the call context.
/// </summary>
internal abstract class ServerCallHandler
{
    /// <summary>The method path, e.g. <c>/grpc.health.v1.Health/Check</c>.</summary>
    public abstract string FullName { get; }

    public abstract MethodType Type { get; }

    /// <summary>Serves the call; exceptions end it with the status they map to.</summary>
    public abstract Task InvokeAsync(HttpContextServerCallContext call);
}

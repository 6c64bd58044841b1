namespace VirtRigaud.Grpc;

/// <summary>The parts of a running client call that do not depend on its message types.</summary>
internal interface IClientCall : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}

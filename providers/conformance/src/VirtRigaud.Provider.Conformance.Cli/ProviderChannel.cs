using VirtRigaud.Grpc;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Provider.Conformance.Cli;

/// <summary>A channel to the provider and the client certificate source it presents; disposing closes both.</summary>
internal sealed class ProviderChannel : IDisposable
{
    private readonly CertificateReloader? _clientCertificate;

    public ProviderChannel(GrpcChannel channel, CertificateReloader? clientCertificate)
    {
        Channel = channel;
        _clientCertificate = clientCertificate;
    }

    public GrpcChannel Channel { get; }

    public void Dispose()
    {
        Channel.Dispose();
        _clientCertificate?.Dispose();
    }
}

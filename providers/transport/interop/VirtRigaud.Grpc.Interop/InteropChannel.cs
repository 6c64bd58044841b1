using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Interop;

/// <summary>A channel to an interop server together with the client certificate source it uses; disposing closes both.</summary>
public sealed class InteropChannel : IDisposable
{
    private readonly CertificateReloader? _clientCertificate;

    internal InteropChannel(GrpcChannel channel, CertificateReloader? clientCertificate)
    {
        Channel = channel;
        _clientCertificate = clientCertificate;
    }

    public GrpcChannel Channel { get; }

    public CallInvoker CreateCallInvoker() => Channel.CreateCallInvoker();

    public void Dispose()
    {
        Channel.Dispose();
        _clientCertificate?.Dispose();
    }
}

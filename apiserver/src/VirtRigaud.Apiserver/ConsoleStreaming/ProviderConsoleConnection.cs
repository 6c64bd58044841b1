using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>An open serial console on a provider and the channel it runs on; disposing ends both. Owned by one request.</summary>
internal sealed class ProviderConsoleConnection : IAsyncDisposable
{
    private readonly GrpcChannel _channel;

    public ProviderConsoleConnection(GrpcChannel channel, ProviderConsoleSession session, string provider)
    {
        _channel = channel;
        Session = session;
        Provider = provider;
    }

    /// <summary>The provider's session.</summary>
    public ProviderConsoleSession Session { get; }

    /// <summary>The Provider, as <c>namespace/name</c> (for logs and messages).</summary>
    public string Provider { get; }

    /// <summary>Cancels the call if it still runs and closes the channel.</summary>
    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync().ConfigureAwait(false);
        _channel.Dispose();
    }
}

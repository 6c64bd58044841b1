using System.Net.Sockets;

namespace VirtRigaud.Etcd;

/// <summary>
/// Counts the TCP connections of one endpoint's HTTP handler, so a failed write can be proven never to have left the
/// client: if no connection was open when the call started and none was established while it ran, the request had
/// nothing to travel on. That is the only case in which a Put or Txn is retried on another endpoint.
/// </summary>
internal sealed class ConnectionTracker
{
    private long _open;
    private long _established;

    /// <summary>The state at the start of a call, compared after it failed.</summary>
    public readonly record struct Snapshot(long Open, long Established);

    public Snapshot Take() => new(Interlocked.Read(ref _open), Interlocked.Read(ref _established));

    /// <summary>True when the call that took <paramref name="before"/> cannot have sent anything.</summary>
    public bool SurelyNotSent(Snapshot before) => before.Open == 0 && Interlocked.Read(ref _established) == before.Established;

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/>: connects and counts the connection until it is closed.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Interlocked.Increment(ref _open);
        Interlocked.Increment(ref _established);
        return new TrackedNetworkStream(socket, this);
    }

    private void Closed() => Interlocked.Decrement(ref _open);

    /// <summary>A socket stream that tells the tracker when it is closed (once).</summary>
    private sealed class TrackedNetworkStream(Socket socket, ConnectionTracker tracker) : NetworkStream(socket, ownsSocket: true)
    {
        private int _closed;

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                tracker.Closed();
            }

            base.Dispose(disposing);
        }
    }
}

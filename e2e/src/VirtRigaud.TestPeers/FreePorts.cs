using System.Net;
using System.Net.Sockets;

namespace VirtRigaud.TestPeers;

/// <summary>Loopback TCP ports nobody listens on right now.</summary>
public static class FreePorts
{
    /// <summary>
    /// Picks <paramref name="count"/> distinct free ports by binding port 0 and releasing it. Another process could take
    /// one before the peer binds it; launchers retry the start with new ports when the peer reports the port in use.
    /// </summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}

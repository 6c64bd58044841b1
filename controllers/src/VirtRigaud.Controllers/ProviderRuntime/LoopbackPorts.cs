using System.Net;
using System.Net.Sockets;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// Free TCP ports on 127.0.0.1 for a Local provider, chosen by the kernel. Another process may take a port between the
/// choice and the provider's bind; the provider then exits and is restarted on new ports. Thread-safe.
/// </summary>
internal static class LoopbackPorts
{
    /// <summary>Returns <paramref name="count"/> distinct free ports (all held open until every one is chosen).</summary>
    public static IReadOnlyList<int> Take(int count)
    {
        var listeners = new List<TcpListener>(count);
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

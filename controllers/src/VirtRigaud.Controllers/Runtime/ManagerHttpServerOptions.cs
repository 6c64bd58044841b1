using System.Net;

namespace VirtRigaud.Controllers.Runtime;

/// <summary>Where the manager serves probes and metrics. Immutable.</summary>
public sealed record ManagerHttpServerOptions
{
    /// <summary><c>/healthz</c> and <c>/readyz</c> (flag <c>--health-probe-bind-address</c>, default <c>:8081</c>); port 0 picks a free one.</summary>
    public required IPEndPoint HealthProbeEndpoint { get; init; }

    /// <summary><c>/metrics</c> (flag <c>--metrics-bind-address</c>, default <c>:8080</c>); null turns metrics serving off (upstream's "0").</summary>
    public IPEndPoint? MetricsEndpoint { get; init; }

    /// <summary>
    /// Parses a Go-style bind address: <c>:8080</c> (all interfaces), <c>127.0.0.1:8080</c>, <c>[::1]:8080</c>;
    /// <c>0</c> means "off" and returns null.
    /// </summary>
    /// <exception cref="FormatException">The address is not one of those forms.</exception>
    public static IPEndPoint? ParseBindAddress(string address)
    {
        if (address == "0")
        {
            return null;
        }

        var colon = address.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(address.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"bind address \"{address}\" must be host:port or :port (e.g. :8080, 127.0.0.1:8080)");
        }

        var host = address[..colon].Trim('[', ']');
        if (host.Length == 0)
        {
            return new IPEndPoint(IPAddress.Any, port);
        }

        if (host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(host, out var ip)
            ? new IPEndPoint(ip, port)
            : throw new FormatException($"bind address \"{address}\": \"{host}\" is not an IP address");
    }
}

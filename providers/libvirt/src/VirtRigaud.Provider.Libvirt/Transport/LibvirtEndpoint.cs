using System.Globalization;
using System.Text.RegularExpressions;

namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>
/// A parsed <c>PROVIDER_ENDPOINT</c>. Forms:
/// <code>
/// endpoint                                     runs virsh      virsh -c
/// qemu+ssh://user@host[:port]/system[?socket=P] on host via ssh qemu:///system[?socket=P]
/// qemu:///system[?socket=P], qemu:///session    locally         as given
/// test:///default, test:///abs/path.xml         locally         as given (libvirt's mock driver)
/// </code>
/// libvirt's own ssh-transport parameters (<c>keyfile</c>, <c>known_hosts</c>, <c>no_verify</c>, …) are refused: the
/// provider runs ssh itself with the credentials Secret's key and known_hosts. Immutable.
/// </summary>
internal sealed partial record LibvirtEndpoint
{
    private const int DefaultSshPort = 22;

    /// <summary>Whether virsh runs on a remote host over ssh.</summary>
    public required bool IsSsh { get; init; }

    /// <summary>The libvirt driver: <c>qemu</c> or <c>test</c>.</summary>
    public required string Driver { get; init; }

    /// <summary>The ssh user (null: the credentials' username).</summary>
    public string? User { get; init; }

    /// <summary>The host (ssh) or <c>localhost</c> (local endpoints).</summary>
    public required string Host { get; init; }

    /// <summary>The ssh port.</summary>
    public int Port { get; init; } = DefaultSshPort;

    /// <summary>The URI virsh connects to where it runs.</summary>
    public required string VirshUri { get; init; }

    /// <summary>The endpoint as given.</summary>
    public required string Original { get; init; }

    /// <summary>Parses <paramref name="endpoint"/>.</summary>
    /// <exception cref="FormatException">Not one of the supported forms; the message says which part is wrong.</exception>
    public static LibvirtEndpoint Parse(string endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new FormatException("the libvirt endpoint is empty; expected qemu+ssh://user@host[:port]/system, qemu:///system or test:///default");
        }

        endpoint = endpoint.Trim();
        var schemeEnd = endpoint.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new FormatException($"libvirt endpoint \"{endpoint}\" has no scheme; expected qemu+ssh://user@host[:port]/system, qemu:///system or test:///default");
        }

        var scheme = endpoint[..schemeEnd].ToLowerInvariant();
        var rest = endpoint[(schemeEnd + 3)..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart >= 0 ? rest[(queryStart + 1)..] : string.Empty;
        if (queryStart >= 0)
        {
            rest = rest[..queryStart];
        }

        var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathStart >= 0 ? rest[..pathStart] : rest;
        var path = pathStart >= 0 ? rest[pathStart..] : string.Empty;
        var socket = ParseQuery(endpoint, query);
        var suffix = socket is null ? string.Empty : $"?socket={socket}";

        switch (scheme)
        {
            case "qemu":
            case "test":
                if (authority.Length > 0)
                {
                    throw new FormatException($"libvirt endpoint \"{endpoint}\": a host in a {scheme}:// URI needs a transport; use qemu+ssh://user@{authority}/system");
                }

                if (scheme == "qemu" && path is not "/system" and not "/session")
                {
                    throw new FormatException($"libvirt endpoint \"{endpoint}\": the qemu driver's path is /system or /session");
                }

                if (scheme == "test" && !path.StartsWith('/'))
                {
                    throw new FormatException($"libvirt endpoint \"{endpoint}\": the test driver's path is /default or an absolute XML file");
                }

                return new LibvirtEndpoint { IsSsh = false, Driver = scheme, Host = "localhost", VirshUri = $"{scheme}://{path}{suffix}", Original = endpoint };

            case "qemu+ssh":
                if (path is not "/system" and not "/session")
                {
                    throw new FormatException($"libvirt endpoint \"{endpoint}\": the qemu driver's path is /system or /session");
                }

                var (user, host, port) = ParseAuthority(endpoint, authority);
                return new LibvirtEndpoint
                {
                    IsSsh = true,
                    Driver = "qemu",
                    User = user,
                    Host = host,
                    Port = port,
                    VirshUri = $"qemu://{path}{suffix}",
                    Original = endpoint,
                };

            default:
                throw new FormatException(
                    $"libvirt endpoint \"{endpoint}\": scheme {scheme} is not supported; use qemu+ssh://user@host[:port]/system (remote), qemu:///system (local) or test:///default");
        }
    }

    private static string? ParseQuery(string endpoint, string query)
    {
        string? socket = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals >= 0 ? pair[..equals] : pair;
            var value = equals >= 0 ? Uri.UnescapeDataString(pair[(equals + 1)..]) : string.Empty;
            if (name != "socket")
            {
                throw new FormatException(
                    $"libvirt endpoint \"{endpoint}\": URI parameter \"{name}\" is not supported; ssh keys and known_hosts come from the credentials Secret (keys ssh-privatekey, known_hosts)");
            }

            if (!value.StartsWith('/') || value.Any(char.IsControl))
            {
                throw new FormatException($"libvirt endpoint \"{endpoint}\": socket must be an absolute path");
            }

            socket = value;
        }

        return socket;
    }

    private static (string? User, string Host, int Port) ParseAuthority(string endpoint, string authority)
    {
        string? user = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            user = Uri.UnescapeDataString(authority[..at]);
            authority = authority[(at + 1)..];
            if (!UserPattern().IsMatch(user))
            {
                throw new FormatException($"libvirt endpoint \"{endpoint}\": user \"{user}\" is not a valid login name");
            }
        }

        var port = DefaultSshPort;
        string host;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"libvirt endpoint \"{endpoint}\": unterminated IPv6 address");
            }

            host = authority[1..close];
            var after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                port = after.StartsWith(':') ? ParsePort(endpoint, after[1..]) : throw new FormatException($"libvirt endpoint \"{endpoint}\": junk after the IPv6 address");
            }

            if (!System.Net.IPAddress.TryParse(host, out _))
            {
                throw new FormatException($"libvirt endpoint \"{endpoint}\": \"{host}\" is not an IPv6 address");
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
            if (colon >= 0)
            {
                port = ParsePort(endpoint, authority[(colon + 1)..]);
            }

            if (!HostPattern().IsMatch(host))
            {
                throw new FormatException($"libvirt endpoint \"{endpoint}\": \"{host}\" is not a host name or address");
            }
        }

        return (user, host, port);
    }

    private static int ParsePort(string endpoint, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new FormatException($"libvirt endpoint \"{endpoint}\": port \"{text}\" is not a number in 1..65535");

    // A leading '-' would make ssh read the name as an option.
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,31}$")]
    private static partial Regex UserPattern();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$")]
    private static partial Regex HostPattern();
}

using System.Globalization;
using System.Text;
using VirtRigaud.Provider.Libvirt.Transport;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>
/// libvirt through <c>virsh -c &lt;uri&gt;</c>, run by an <see cref="ICommandRunner"/> where the hypervisor is. Domain
/// and snapshot names are passed as <c>--domain=&lt;name&gt;</c> (never as a bare word virsh could read as an option);
/// XML goes through standard input. Failures become <see cref="ProviderException"/>s with precise codes
/// (<see cref="LibvirtErrors"/>). Thread-safe (no state besides the runner).
/// </summary>
internal sealed class VirshClient(ICommandRunner runner, string uri)
{
    /// <summary>The runner (also used for qemu-img and file commands on the same host).</summary>
    public ICommandRunner Runner => runner;

    /// <summary>The connection URI where virsh runs.</summary>
    public string Uri => uri;

    /// <summary>Runs virsh with <paramref name="arguments"/>; a failure is a result.</summary>
    public async Task<CommandResult> TryRunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, ReadOnlyMemory<byte>? input = null)
    {
        try
        {
            return await runner.RunAsync(["virsh", "-q", "-c", uri, .. arguments], input, cancellationToken).ConfigureAwait(false);
        }
        catch (SshTransportException e)
        {
            throw LibvirtErrors.FromTransport(e);
        }
        catch (InvalidOperationException e)
        {
            throw ProviderErrors.Unavailable($"virsh cannot be run: {e.Message}", e);
        }
    }

    /// <summary>Runs virsh and returns its output; a failure throws with libvirt's message.</summary>
    public async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, ReadOnlyMemory<byte>? input = null)
    {
        var result = await TryRunAsync(arguments, cancellationToken, input).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : throw LibvirtErrors.FromResult($"virsh {arguments[0]}", result);
    }

    /// <summary>Runs another tool on the hypervisor host (qemu-img, rm, …); a failure throws INTERNAL/INVALID_ARGUMENT with its message.</summary>
    public async Task<string> RunToolAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, ReadOnlyMemory<byte>? input = null)
    {
        CommandResult result;
        try
        {
            result = await runner.RunAsync(arguments, input, cancellationToken).ConfigureAwait(false);
        }
        catch (SshTransportException e)
        {
            throw LibvirtErrors.FromTransport(e);
        }
        catch (InvalidOperationException e)
        {
            throw ProviderErrors.FailedPrecondition($"{arguments[0]} cannot be run on the hypervisor host: {e.Message}", e);
        }

        return result.Succeeded ? result.StandardOutput : throw LibvirtErrors.FromResult(arguments[0], result);
    }

    /// <summary><c>virsh version</c>: proves the connection works.</summary>
    public Task<string> VersionAsync(CancellationToken cancellationToken) => RunAsync(["version"], cancellationToken);

    /// <summary>Defines (or redefines) a persistent domain from XML.</summary>
    public Task DefineAsync(string xml, CancellationToken cancellationToken) =>
        RunAsync(["define", "--file=/dev/stdin"], cancellationToken, Encoding.UTF8.GetBytes(xml));

    /// <summary>Undefines a domain with its NVRAM, snapshot metadata and managed save image.</summary>
    public Task UndefineAsync(string name, CancellationToken cancellationToken) =>
        RunAsync(["undefine", Domain(name), "--nvram", "--snapshots-metadata", "--managed-save", "--checkpoints-metadata"], cancellationToken);

    /// <summary>Starts a defined domain.</summary>
    public Task StartAsync(string name, CancellationToken cancellationToken) => RunAsync(["start", Domain(name)], cancellationToken);

    /// <summary>Hard power-off.</summary>
    public Task DestroyAsync(string name, CancellationToken cancellationToken) => RunAsync(["destroy", Domain(name)], cancellationToken);

    /// <summary>Asks the guest to shut down (ACPI, or the agent when present).</summary>
    public Task ShutdownAsync(string name, CancellationToken cancellationToken) => RunAsync(["shutdown", Domain(name)], cancellationToken);

    /// <summary>Asks the guest to reboot.</summary>
    public Task RebootAsync(string name, CancellationToken cancellationToken) => RunAsync(["reboot", Domain(name)], cancellationToken);

    /// <summary>Hard reset (like the reset button).</summary>
    public Task ResetAsync(string name, CancellationToken cancellationToken) => RunAsync(["reset", Domain(name)], cancellationToken);

    /// <summary>Resumes a paused domain.</summary>
    public Task ResumeAsync(string name, CancellationToken cancellationToken) => RunAsync(["resume", Domain(name)], cancellationToken);

    /// <summary>The domain's state.</summary>
    /// <exception cref="ProviderException">NOT_FOUND when there is no such domain.</exception>
    public async Task<DomainState> StateAsync(string name, CancellationToken cancellationToken) =>
        DomainStates.Parse((await RunAsync(["domstate", Domain(name)], cancellationToken).ConfigureAwait(false)).Split('\n')[0]);

    /// <summary>The domain's state, or null when it does not exist.</summary>
    public async Task<DomainState?> TryStateAsync(string name, CancellationToken cancellationToken)
    {
        var result = await TryRunAsync(["domstate", Domain(name)], cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return DomainStates.Parse(result.StandardOutput.Split('\n')[0]);
        }

        return LibvirtErrors.CodeOf(result) == VirtRigaud.Grpc.StatusCode.NotFound ? null : throw LibvirtErrors.FromResult("virsh domstate", result);
    }

    /// <summary><c>virsh dominfo</c> as key/value pairs (<c>CPU(s)</c>, <c>Max memory</c>, <c>State</c>, …).</summary>
    public async Task<IReadOnlyDictionary<string, string>> InfoAsync(string name, CancellationToken cancellationToken) =>
        ParseKeyValues(await RunAsync(["dominfo", Domain(name)], cancellationToken).ConfigureAwait(false));

    /// <summary>The domain XML (<c>--inactive</c>: the persistent definition).</summary>
    public Task<string> DumpXmlAsync(string name, bool inactive, CancellationToken cancellationToken) =>
        RunAsync(inactive ? ["dumpxml", Domain(name), "--inactive"] : ["dumpxml", Domain(name)], cancellationToken);

    /// <summary>Names of all domains, defined and transient.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        (await RunAsync(["list", "--all", "--name"], cancellationToken).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Addresses from <c>virsh domifaddr --source</c> <paramref name="source"/> (<c>agent</c>, <c>lease</c>, <c>arp</c>); empty when the source has none or is unavailable.</summary>
    public async Task<IReadOnlyList<InterfaceAddress>> InterfaceAddressesAsync(string name, string source, CancellationToken cancellationToken)
    {
        var result = await TryRunAsync(["domifaddr", Domain(name), $"--source={source}"], cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? ParseInterfaceAddresses(result.StandardOutput) : [];
    }

    /// <summary>The VNC display's TCP port of a running domain, or null.</summary>
    public async Task<int?> VncPortAsync(string name, CancellationToken cancellationToken)
    {
        var result = await TryRunAsync(["vncdisplay", Domain(name)], cancellationToken).ConfigureAwait(false);
        var text = result.Succeeded ? result.StandardOutput.Trim() : string.Empty;
        var colon = text.LastIndexOf(':');
        return colon >= 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var display) ? 5900 + display : null;
    }

    /// <summary><c>setvcpus</c> with flags (<c>--live</c>, <c>--config</c>, <c>--maximum</c>).</summary>
    public Task SetVcpusAsync(string name, int count, IReadOnlyList<string> flags, CancellationToken cancellationToken) =>
        RunAsync(["setvcpus", Domain(name), "--count=" + count.ToString(CultureInfo.InvariantCulture), .. flags], cancellationToken);

    /// <summary><c>setmem</c> in MiB with flags (<c>--live</c>, <c>--config</c>).</summary>
    public Task SetMemoryAsync(string name, long mebibytes, IReadOnlyList<string> flags, CancellationToken cancellationToken) =>
        RunAsync(["setmem", Domain(name), "--size=" + mebibytes.ToString(CultureInfo.InvariantCulture) + "MiB", .. flags], cancellationToken);

    /// <summary>Grows a running domain's disk (<c>blockresize</c>) to <paramref name="bytes"/>.</summary>
    public Task BlockResizeAsync(string name, string target, long bytes, CancellationToken cancellationToken) =>
        RunAsync(["blockresize", Domain(name), "--path=" + target, "--size=" + bytes.ToString(CultureInfo.InvariantCulture) + "B"], cancellationToken);

    /// <summary>Snapshot names of a domain.</summary>
    public async Task<IReadOnlyList<string>> SnapshotNamesAsync(string name, CancellationToken cancellationToken) =>
        (await RunAsync(["snapshot-list", Domain(name), "--name"], cancellationToken).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>An internal snapshot: with the memory state when the domain runs, of the disks when it is off.</summary>
    public Task SnapshotCreateAsync(string name, string snapshot, string description, CancellationToken cancellationToken) =>
        // virsh refuses an empty option argument, so an empty description is left out.
        RunAsync(
            string.IsNullOrEmpty(description)
                ? ["snapshot-create-as", Domain(name), "--name=" + snapshot, "--atomic"]
                : ["snapshot-create-as", Domain(name), "--name=" + snapshot, "--description=" + description, "--atomic"],
            cancellationToken);

    /// <summary>Reverts to a snapshot (the domain ends in the snapshot's state).</summary>
    public Task SnapshotRevertAsync(string name, string snapshot, CancellationToken cancellationToken) =>
        RunAsync(["snapshot-revert", Domain(name), "--snapshotname=" + snapshot], cancellationToken);

    /// <summary>Deletes a snapshot.</summary>
    public Task SnapshotDeleteAsync(string name, string snapshot, CancellationToken cancellationToken) =>
        RunAsync(["snapshot-delete", Domain(name), "--snapshotname=" + snapshot], cancellationToken);

    /// <summary>Parses <c>virsh domifaddr</c> output (header and separator lines are skipped).</summary>
    internal static IReadOnlyList<InterfaceAddress> ParseInterfaceAddresses(string text)
    {
        var addresses = new List<InterfaceAddress>();
        string? lastInterface = null;
        string? lastMac = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("Name", StringComparison.Ordinal) || line.All(c => c == '-'))
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // "vnet0  52:54:00:..  ipv4  10.0.0.5/24", or "-  -  ipv6  fe80::1/64" for more addresses of the same interface.
            if (fields.Length < 4)
            {
                continue;
            }

            var iface = fields[0] == "-" ? lastInterface : fields[0];
            var mac = fields[1] == "-" ? lastMac : fields[1];
            lastInterface = iface;
            lastMac = mac;
            var address = fields[3];
            var slash = address.IndexOf('/', StringComparison.Ordinal);
            addresses.Add(new InterfaceAddress(iface ?? string.Empty, mac ?? string.Empty, slash >= 0 ? address[..slash] : address));
        }

        return addresses;
    }

    /// <summary>Parses <c>Key:   value</c> lines.</summary>
    internal static IReadOnlyDictionary<string, string> ParseKeyValues(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return values;
    }

    /// <summary>The <c>--domain=</c> argument: virsh never reads it as an option, whatever the name.</summary>
    internal static string Domain(string name) => "--domain=" + name;
}

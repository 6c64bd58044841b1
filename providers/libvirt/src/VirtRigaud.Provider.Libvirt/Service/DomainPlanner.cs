using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Libvirt.Hosting;
using VirtRigaud.Provider.Libvirt.Libvirt;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Libvirt.Service;

/// <summary>
/// Turns a Create request into files on the host and a domain definition:
/// <code>
/// file (in LIBVIRT_IMAGE_DIR)       made from
/// &lt;name&gt;.qcow2                       image Path: qcow2 overlay on it (the image stays untouched); no image: blank, DiskDefaults.SizeGiB (10 GiB)
/// &lt;name&gt;-&lt;disk&gt;.&lt;qcow2|raw&gt;         disks_json entries (SizeGiB, Type)
/// &lt;name&gt;-seed.iso                  user_data / meta_data / static IPs (cloud-init NoCloud)
/// &lt;name&gt;_VARS.fd                   UEFI: the domain's own NVRAM (libvirt copies the firmware template into it)
/// </code>
/// If anything fails, the files made so far are removed. Not thread-safe per name (Create runs under the VM's lock).
/// </summary>
internal sealed partial class DomainPlanner(VirshClient virsh, LibvirtProviderSettings settings)
{
    private const int DefaultCpu = 1;
    private const int DefaultMemoryMiB = 512;
    private const int DefaultDiskGiB = 10;
    private const long GiB = 1024L * 1024 * 1024;
    private static readonly string[] Models = ["virtio", "e1000", "e1000e", "rtl8139"];

    /// <summary>The root disk's path.</summary>
    public static string RootDiskPath(LibvirtProviderSettings settings, string name, string format) => $"{settings.ImageDirectory}/{name}.{format}";

    /// <summary>The seed ISO's path.</summary>
    public static string SeedPath(LibvirtProviderSettings settings, string name) => $"{settings.ImageDirectory}/{name}-seed.iso";

    /// <summary>The NVRAM file's path.</summary>
    public static string NvramPath(LibvirtProviderSettings settings, string name) => $"{settings.ImageDirectory}/{name}_VARS.fd";

    /// <summary>Files of <paramref name="description"/> the provider made for VM <paramref name="name"/> (and so removes with it).</summary>
    public static IReadOnlyList<string> OwnedFiles(LibvirtProviderSettings settings, string name, DomainDescription description)
    {
        var prefix = $"{settings.ImageDirectory}/{name}";
        bool Owned(string path) => path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path[prefix.Length] is '.' or '-' or '_'
            && !path[prefix.Length..].Contains('/', StringComparison.Ordinal);
        return [.. description.Disks.Select(d => d.Path).Concat(description.CdromFiles).Append(description.NvramPath ?? string.Empty)
            .Append(SeedPath(settings, name)).Append(NvramPath(settings, name))
            .Where(Owned).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Makes the files and defines the domain (not started).</summary>
    public async Task CreateAsync(
        CreateRequest request,
        ClassPayload? vmClass,
        ImagePayload? image,
        IReadOnlyList<NetworkAttachmentPayload> networks,
        IReadOnlyList<DiskPayload> disks,
        CancellationToken cancellationToken)
    {
        var name = request.Name;
        var cpu = vmClass is { Cpu: > 0 } ? vmClass.Cpu : DefaultCpu;
        var memory = vmClass is { MemoryMiB: > 0 } ? vmClass.MemoryMiB : DefaultMemoryMiB;
        var firmware = (vmClass?.Firmware ?? string.Empty).Trim().ToUpperInvariant() switch
        {
            "" or "BIOS" => DomainFirmware.Bios,
            "UEFI" or "EFI" => DomainFirmware.Uefi,
            var other => throw ProviderErrors.InvalidArgument($"firmware \"{other}\" is not supported: use BIOS or UEFI"),
        };
        var secureBoot = vmClass?.SecurityProfile?.SecureBoot == true;
        if (secureBoot && firmware != DomainFirmware.Uefi)
        {
            throw ProviderErrors.InvalidArgument("secure boot needs UEFI firmware");
        }

        var nics = networks.Select(PlanNic).ToList();
        var networkConfig = NetworkConfig(networks, nics);
        var files = new HostFiles(virsh);
        var made = new List<string>();
        try
        {
            await files.MakeDirectoryAsync(settings.ImageDirectory, cancellationToken).ConfigureAwait(false);
            var domainDisks = new List<DomainDisk> { await CreateRootDiskAsync(files, name, vmClass, image, made, cancellationToken).ConfigureAwait(false) };
            for (var i = 0; i < disks.Count; i++)
            {
                var disk = disks[i];
                var diskName = disk.Name is { Length: > 0 } n ? n : $"disk{i + 1}";
                if (!DiskNamePattern().IsMatch(diskName))
                {
                    throw ProviderErrors.InvalidArgument($"disks[{i}].Name \"{diskName}\" must be 1-32 letters, digits, '-' or '_'");
                }

                var format = DiskFormat(disk.Type, $"disks[{i}].Type");
                if (disk.SizeGiB <= 0)
                {
                    throw ProviderErrors.InvalidArgument($"disks[{i}].SizeGiB must be positive");
                }

                var path = $"{settings.ImageDirectory}/{name}-{diskName}.{format}";
                made.Add(path);
                await files.CreateImageAsync(path, format, disk.SizeGiB * GiB, null, null, cancellationToken).ConfigureAwait(false);
                domainDisks.Add(new DomainDisk(path, format, $"vd{(char)('a' + domainDisks.Count)}"));
            }

            string? seed = null;
            if (request.UserData.Length > 0 || request.MetaData.Length > 0 || networkConfig is not null)
            {
                seed = SeedPath(settings, name);
                made.Add(seed);
                var metaData = request.MetaData.Length > 0 ? request.MetaData.Memory : DefaultMetaData(name);
                await new SeedIsoBuilder(virsh, files).BuildAsync(seed, request.UserData.Memory, metaData, networkConfig, cancellationToken).ConfigureAwait(false);
            }

            var hotCpu = vmClass?.PerformanceProfile?.CpuHotAddEnabled == true;
            var hotMemory = vmClass?.PerformanceProfile?.MemoryHotAddEnabled == true;
            var spec = new DomainSpec
            {
                Name = name,
                DomainType = settings.DomainType,
                VCpus = cpu,
                MaxVCpus = hotCpu ? cpu * settings.HotplugFactor : cpu,
                MemoryMiB = memory,
                MaxMemoryMiB = hotMemory ? (long)memory * settings.HotplugFactor : memory,
                Firmware = firmware,
                SecureBoot = secureBoot,
                NvramPath = firmware == DomainFirmware.Uefi ? NvramPath(settings, name) : null,
                Disks = domainDisks,
                Nics = nics,
                SeedIsoPath = seed,
                VncListen = settings.VncListen,
                Tags = [.. request.Tags],
            };
            if (spec.NvramPath is { } nvram)
            {
                made.Add(nvram);
            }

            await virsh.DefineAsync(DomainXmlBuilder.Build(spec), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await files.RemoveAsync(made, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<DomainDisk> CreateRootDiskAsync(HostFiles files, string name, ClassPayload? vmClass, ImagePayload? image, List<string> made, CancellationToken cancellationToken)
    {
        var wanted = vmClass?.DiskDefaults is { SizeGiB: > 0 } defaults ? defaults.SizeGiB * GiB : (long?)null;
        if (image is { Path.Length: > 0 })
        {
            if (!image.Path.StartsWith('/'))
            {
                throw ProviderErrors.InvalidArgument($"image Path \"{image.Path}\" must be an absolute path on the libvirt host");
            }

            var (format, virtualSize, _, _) = await files.ImageInfoAsync(image.Path, cancellationToken).ConfigureAwait(false);
            var path = RootDiskPath(settings, name, "qcow2");
            made.Add(path);
            await files.CreateImageAsync(path, "qcow2", wanted is { } size && size > virtualSize ? size : null, image.Path, format, cancellationToken).ConfigureAwait(false);
            return new DomainDisk(path, "qcow2", "vda");
        }

        if (image is { Url.Length: > 0 })
        {
            throw ProviderErrors.FailedPrecondition(
                $"image URL {image.Url} has not been imported on this host: prepare the VMImage first (ImagePrepare), which gives the Path to boot from");
        }

        var blankFormat = DiskFormat(vmClass?.DiskDefaults?.Type ?? string.Empty, "DiskDefaults.Type");
        var blank = RootDiskPath(settings, name, blankFormat);
        made.Add(blank);
        await files.CreateImageAsync(blank, blankFormat, wanted ?? DefaultDiskGiB * GiB, null, null, cancellationToken).ConfigureAwait(false);
        return new DomainDisk(blank, blankFormat, "vda");
    }

    private static string DiskFormat(string type, string field) => type.Trim().ToLowerInvariant() switch
    {
        "" or "qcow2" or "thin" => "qcow2",
        "raw" or "thick" or "eager-zeroed" => "raw",
        var other => throw ProviderErrors.InvalidArgument($"{field} \"{other}\" is not supported: use qcow2 or raw"),
    };

    private static DomainNic PlanNic(NetworkAttachmentPayload network, int index)
    {
        var model = network.Model is { Length: > 0 } m ? m.ToLowerInvariant() : "virtio";
        if (!Models.Contains(model, StringComparer.Ordinal))
        {
            throw ProviderErrors.InvalidArgument($"networks[{index}].Model \"{network.Model}\" is not supported: use {string.Join(", ", Models)}");
        }

        var mac = network.MacAddress is { Length: > 0 } given ? given.ToLowerInvariant() : RandomMac();
        if (!MacPattern().IsMatch(mac))
        {
            throw ProviderErrors.InvalidArgument($"networks[{index}].MacAddress \"{network.MacAddress}\" is not a MAC address");
        }

        if (network.Bridge is { Length: > 0 } bridge)
        {
            return new DomainNic(DomainNicKind.Bridge, bridge, model, mac);
        }

        var source = network.NetworkName is { Length: > 0 } named ? named : network.Name;
        if (string.IsNullOrEmpty(source))
        {
            throw ProviderErrors.InvalidArgument($"networks[{index}] names neither a libvirt network (NetworkName) nor a bridge (Bridge)");
        }

        // "user" is QEMU's user-mode network: no libvirt network or bridge needed on the host.
        return source == "user" ? new DomainNic(DomainNicKind.User, string.Empty, model, mac) : new DomainNic(DomainNicKind.Network, source, model, mac);
    }

    /// <summary>A locally administered MAC in QEMU's 52:54:00 range (so static IPs can be matched by MAC).</summary>
    private static string RandomMac()
    {
        var bytes = RandomNumberGenerator.GetBytes(3);
        return string.Create(CultureInfo.InvariantCulture, $"52:54:00:{bytes[0]:x2}:{bytes[1]:x2}:{bytes[2]:x2}");
    }

    /// <summary>cloud-init network config v2 (as JSON, which YAML readers accept) for NICs with a static IP; null when none has one.</summary>
    private static ReadOnlyMemory<byte>? NetworkConfig(IReadOnlyList<NetworkAttachmentPayload> networks, IReadOnlyList<DomainNic> nics)
    {
        if (!networks.Any(n => n.StaticIp.Length > 0))
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 2);
            writer.WriteStartObject("ethernets");
            for (var i = 0; i < networks.Count; i++)
            {
                var network = networks[i];
                writer.WriteStartObject($"nic{i}");
                writer.WriteStartObject("match");
                writer.WriteString("macaddress", nics[i].Mac);
                writer.WriteEndObject();
                if (network.StaticIp.Length == 0)
                {
                    writer.WriteBoolean("dhcp4", true);
                    writer.WriteEndObject();
                    continue;
                }

                if (!IPAddress.TryParse(network.StaticIp, out var address))
                {
                    throw ProviderErrors.InvalidArgument($"networks[{i}].StaticIP \"{network.StaticIp}\" is not an IP address");
                }

                var v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
                var prefix = network.Prefix > 0 ? network.Prefix : v6 ? 64 : 24;
                if (prefix > (v6 ? 128 : 32))
                {
                    throw ProviderErrors.InvalidArgument($"networks[{i}].Prefix {network.Prefix} is out of range");
                }

                writer.WriteStartArray("addresses");
                writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"{address}/{prefix}"));
                writer.WriteEndArray();
                if (network.Gateway.Length > 0)
                {
                    if (!IPAddress.TryParse(network.Gateway, out var gateway))
                    {
                        throw ProviderErrors.InvalidArgument($"networks[{i}].Gateway \"{network.Gateway}\" is not an IP address");
                    }

                    writer.WriteStartArray("routes");
                    writer.WriteStartObject();
                    writer.WriteString("to", "default");
                    writer.WriteString("via", gateway.ToString());
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                }

                var dns = network.Dns.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
                if (dns.Length > 0)
                {
                    writer.WriteStartObject("nameservers");
                    writer.WriteStartArray("addresses");
                    foreach (var server in dns)
                    {
                        writer.WriteStringValue(IPAddress.TryParse(server, out var ip)
                            ? ip.ToString()
                            : throw ProviderErrors.InvalidArgument($"networks[{i}].DNS entry \"{server}\" is not an IP address"));
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static ReadOnlyMemory<byte> DefaultMetaData(string name)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("instance-id", name);
            writer.WriteString("local-hostname", name);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex DiskNamePattern();

    [GeneratedRegex("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$")]
    private static partial Regex MacPattern();
}

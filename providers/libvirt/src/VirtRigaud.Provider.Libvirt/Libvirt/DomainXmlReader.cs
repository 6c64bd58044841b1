using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>Reads the parts of a domain's XML the provider reports (<c>virsh dumpxml</c>). Pure; thread-safe.</summary>
internal static class DomainXmlReader
{
    /// <summary>Parses <paramref name="xml"/>.</summary>
    /// <exception cref="ProviderException">INTERNAL when libvirt returned XML that does not parse.</exception>
    public static DomainDescription Parse(string xml)
    {
        XElement root;
        try
        {
            root = XElement.Parse(xml);
        }
        catch (XmlException e)
        {
            throw ProviderErrors.Internal("libvirt returned domain XML that does not parse", e);
        }

        var vcpu = root.Element("vcpu");
        var max = ParseInt(vcpu?.Value, 1);
        var current = ParseInt(vcpu?.Attribute("current")?.Value, max);
        var os = root.Element("os");
        var uefi = string.Equals(os?.Attribute("firmware")?.Value, "efi", StringComparison.Ordinal)
            || string.Equals(os?.Element("loader")?.Attribute("type")?.Value, "pflash", StringComparison.Ordinal);
        var devices = root.Element("devices");
        var disks = new List<DomainDisk>();
        var cdroms = new List<string>();
        foreach (var disk in devices?.Elements("disk") ?? [])
        {
            var file = disk.Element("source")?.Attribute("file")?.Value;
            if (file is null)
            {
                continue;
            }

            if (disk.Attribute("device")?.Value == "cdrom")
            {
                cdroms.Add(file);
            }
            else
            {
                disks.Add(new DomainDisk(file, disk.Element("driver")?.Attribute("type")?.Value ?? "raw", disk.Element("target")?.Attribute("dev")?.Value ?? string.Empty));
            }
        }

        var nics = new List<DomainNic>();
        foreach (var nic in devices?.Elements("interface") ?? [])
        {
            var kind = nic.Attribute("type")?.Value switch
            {
                "network" => DomainNicKind.Network,
                "bridge" => DomainNicKind.Bridge,
                _ => DomainNicKind.User,
            };
            var source = nic.Element("source");
            nics.Add(new DomainNic(
                kind,
                source?.Attribute("network")?.Value ?? source?.Attribute("bridge")?.Value ?? string.Empty,
                nic.Element("model")?.Attribute("type")?.Value ?? string.Empty,
                nic.Element("mac")?.Attribute("address")?.Value));
        }

        int? vnc = null;
        var graphics = devices?.Elements("graphics").FirstOrDefault(g => g.Attribute("type")?.Value == "vnc");
        if (graphics?.Attribute("port")?.Value is { } portText && int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0)
        {
            vnc = port;
        }

        return new DomainDescription
        {
            Name = root.Element("name")?.Value ?? string.Empty,
            Uuid = root.Element("uuid")?.Value ?? string.Empty,
            VCpus = current,
            MaxVCpus = max,
            MemoryMiB = Mebibytes(root.Element("currentMemory") ?? root.Element("memory")),
            MaxMemoryMiB = Mebibytes(root.Element("memory")),
            Firmware = uefi ? DomainFirmware.Uefi : DomainFirmware.Bios,
            NvramPath = os?.Element("nvram")?.Value is { Length: > 0 } nvram ? nvram.Trim() : null,
            Disks = disks,
            CdromFiles = cdroms,
            Nics = nics,
            VncPort = vnc,
            Tags = [.. root.Element("metadata")?.Element(DomainXmlBuilder.MetadataNamespace + "vm")?.Elements(DomainXmlBuilder.MetadataNamespace + "tag").Select(t => t.Value) ?? []],
        };
    }

    private static int ParseInt(string? text, int fallback) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>A libvirt memory element in MiB (unit attribute; libvirt writes KiB).</summary>
    private static long Mebibytes(XElement? element)
    {
        if (element is null || !long.TryParse(element.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return 0;
        }

        var factor = (element.Attribute("unit")?.Value ?? "KiB") switch
        {
            "b" or "bytes" => 1.0 / (1024 * 1024),
            "KiB" or "k" => 1.0 / 1024,
            "MiB" or "M" => 1,
            "GiB" or "G" => 1024,
            "KB" => 1000.0 / (1024 * 1024),
            "MB" => 1000.0 * 1000 / (1024 * 1024),
            "GB" => 1000.0 * 1000 * 1000 / (1024 * 1024),
            _ => 1.0 / 1024,
        };
        return (long)Math.Round(value * factor);
    }
}

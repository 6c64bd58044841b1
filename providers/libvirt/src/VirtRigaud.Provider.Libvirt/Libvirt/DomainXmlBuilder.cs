using System.Globalization;
using System.Xml.Linq;

namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>
/// Writes libvirt domain XML (https://libvirt.org/formatdomain.html) from a <see cref="DomainSpec"/> with
/// System.Xml.Linq, so names, paths and tags are always escaped XML text. What it writes:
/// <code>
/// part            written as
/// CPU headroom    &lt;vcpu current='N'&gt;MAX&lt;/vcpu&gt; (setvcpus --live up to MAX)
/// memory          &lt;memory&gt;MAX&lt;/memory&gt;&lt;currentMemory&gt;N&lt;/currentMemory&gt; + virtio balloon (setmem --live up to MAX)
/// UEFI            &lt;os firmware='efi'&gt; (libvirt picks OVMF) with this domain's own &lt;nvram&gt; file; Secure Boot adds smm + secure-boot feature
/// disks           virtio-blk, boot order = list order; seed ISO as a read-only SATA CD-ROM
/// NICs            network / bridge / user, model and MAC as given
/// console         serial pty + console, VNC on the listen address, guest agent channel
/// </code>
/// Pure function; thread-safe.
/// </summary>
internal static class DomainXmlBuilder
{
    /// <summary>Namespace of our metadata element.</summary>
    public static readonly XNamespace MetadataNamespace = "https://virtrigaud.io/xmlns/libvirt/v1";

    /// <summary>The domain XML for <paramref name="spec"/>.</summary>
    public static string Build(DomainSpec spec)
    {
        var os = new XElement("os", new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", spec.Machine), "hvm"));
        var features = new XElement("features", new XElement("acpi"), new XElement("apic"));
        if (spec.Firmware == DomainFirmware.Uefi)
        {
            os.Add(new XAttribute("firmware", "efi"));
            os.Add(new XElement(
                "firmware",
                new XElement("feature", new XAttribute("enabled", spec.SecureBoot ? "yes" : "no"), new XAttribute("name", "secure-boot")),
                new XElement("feature", new XAttribute("enabled", spec.SecureBoot ? "yes" : "no"), new XAttribute("name", "enrolled-keys"))));
            if (spec.NvramPath is { } nvram)
            {
                os.Add(new XElement("nvram", nvram));
            }

            if (spec.SecureBoot)
            {
                features.Add(new XElement("smm", new XAttribute("state", "on")));
            }
        }

        var devices = new XElement("devices");
        if (spec.Emulator is { } emulator)
        {
            devices.Add(new XElement("emulator", emulator));
        }

        var order = 1;
        foreach (var disk in spec.Disks)
        {
            devices.Add(new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", disk.Format)),
                new XElement("source", new XAttribute("file", disk.Path)),
                new XElement("target", new XAttribute("dev", disk.Target), new XAttribute("bus", "virtio")),
                new XElement("boot", new XAttribute("order", order++))));
        }

        if (spec.SeedIsoPath is { } iso)
        {
            devices.Add(new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "cdrom"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
                new XElement("source", new XAttribute("file", iso)),
                new XElement("target", new XAttribute("dev", "sda"), new XAttribute("bus", "sata")),
                new XElement("readonly")));
        }

        foreach (var nic in spec.Nics)
        {
            var element = new XElement("interface", new XAttribute("type", nic.Kind switch
            {
                DomainNicKind.Network => "network",
                DomainNicKind.Bridge => "bridge",
                _ => "user",
            }));
            if (nic.Mac is { } mac)
            {
                element.Add(new XElement("mac", new XAttribute("address", mac)));
            }

            if (nic.Kind == DomainNicKind.Network)
            {
                element.Add(new XElement("source", new XAttribute("network", nic.Source)));
            }
            else if (nic.Kind == DomainNicKind.Bridge)
            {
                element.Add(new XElement("source", new XAttribute("bridge", nic.Source)));
            }

            element.Add(new XElement("model", new XAttribute("type", nic.Model)));
            devices.Add(element);
        }

        devices.Add(new XElement("serial", new XAttribute("type", "pty"), new XElement("target", new XAttribute("port", 0))));
        devices.Add(new XElement("console", new XAttribute("type", "pty"), new XElement("target", new XAttribute("type", "serial"), new XAttribute("port", 0))));
        devices.Add(new XElement(
            "channel",
            new XAttribute("type", "unix"),
            new XElement("target", new XAttribute("type", "virtio"), new XAttribute("name", "org.qemu.guest_agent.0"))));
        devices.Add(new XElement("graphics", new XAttribute("type", "vnc"), new XAttribute("port", "-1"), new XAttribute("autoport", "yes"), new XAttribute("listen", spec.VncListen)));
        devices.Add(new XElement("memballoon", new XAttribute("model", "virtio")));

        var metadata = new XElement(
            MetadataNamespace + "vm",
            new XAttribute(XNamespace.Xmlns + "virtrigaud", MetadataNamespace),
            spec.Tags.Select(t => new XElement(MetadataNamespace + "tag", t)));

        var domain = new XElement(
            "domain",
            new XAttribute("type", spec.DomainType),
            new XElement("name", spec.Name),
            new XElement("metadata", metadata),
            new XElement("memory", new XAttribute("unit", "MiB"), spec.MaxMemoryMiB.ToString(CultureInfo.InvariantCulture)),
            new XElement("currentMemory", new XAttribute("unit", "MiB"), spec.MemoryMiB.ToString(CultureInfo.InvariantCulture)),
            new XElement(
                "vcpu",
                new XAttribute("placement", "static"),
                new XAttribute("current", spec.VCpus.ToString(CultureInfo.InvariantCulture)),
                spec.MaxVCpus.ToString(CultureInfo.InvariantCulture)),
            os,
            features,
            new XElement("cpu", new XAttribute("mode", spec.DomainType == "kvm" ? "host-passthrough" : "custom"), spec.DomainType == "kvm" ? null : new XElement("model", new XAttribute("fallback", "allow"), "qemu64")),
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "restart"),
            new XElement("on_crash", "destroy"),
            devices);
        return domain.ToString();
    }
}

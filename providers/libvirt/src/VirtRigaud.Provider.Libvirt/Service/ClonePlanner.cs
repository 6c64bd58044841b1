using System.Globalization;
using System.Xml.Linq;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Libvirt.Hosting;
using VirtRigaud.Provider.Libvirt.Libvirt;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Libvirt.Service;

/// <summary>
/// Makes a clone's files and definition from its source's persistent XML: disks copied (full, <c>qemu-img convert</c>)
/// or overlaid (linked, qcow2 with the source disk as backing file), UEFI NVRAM copied, UUID and MACs left to libvirt,
/// the source's cloud-init seed ISO dropped (it names the source's instance), CPU/memory from the clone's class when
/// given. A linked clone records its source in the metadata (<c>linkedFrom</c>) so the source's Delete can refuse.
/// </summary>
internal sealed class ClonePlanner(VirshClient virsh, LibvirtProviderSettings settings)
{
    /// <summary>The metadata element naming a linked clone's source.</summary>
    public static readonly XName LinkedFrom = DomainXmlBuilder.MetadataNamespace + "linkedFrom";

    /// <summary>Creates the clone (defined, not started). Removes what it made when it fails.</summary>
    public async Task CloneAsync(string source, string target, bool linked, ClassPayload? resized, CancellationToken cancellationToken)
    {
        var root = XElement.Parse(await virsh.DumpXmlAsync(source, inactive: true, cancellationToken).ConfigureAwait(false));
        var files = new HostFiles(virsh);
        var made = new List<string>();
        try
        {
            root.Element("name")!.Value = target;
            root.Element("uuid")?.Remove();
            var devices = root.Element("devices") ?? throw ProviderErrors.Internal("domain XML has no devices");
            var index = 0;
            foreach (var disk in devices.Elements("disk").ToList())
            {
                var sourceElement = disk.Element("source");
                var file = sourceElement?.Attribute("file")?.Value;
                if (disk.Attribute("device")?.Value == "cdrom")
                {
                    disk.Remove();
                    continue;
                }

                if (file is null || sourceElement is null)
                {
                    throw ProviderErrors.FailedPrecondition($"vm \"{source}\" has a disk that is not a file; only file-backed disks can be cloned");
                }

                var (format, _, _, _) = await files.ImageInfoAsync(file, cancellationToken).ConfigureAwait(false);
                var path = index == 0 ? DomainPlanner.RootDiskPath(settings, target, "qcow2") : $"{settings.ImageDirectory}/{target}-disk{index}.qcow2";
                index++;
                made.Add(path);
                if (linked)
                {
                    await files.CreateImageAsync(path, "qcow2", null, file, format, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await virsh.RunToolAsync(["qemu-img", "convert", "-q", "-f", format, "-O", "qcow2", file, path], cancellationToken).ConfigureAwait(false);
                }

                sourceElement.SetAttributeValue("file", path);
                disk.Element("driver")?.SetAttributeValue("type", "qcow2");
                disk.Element("backingStore")?.Remove();
            }

            foreach (var mac in devices.Elements("interface").Select(i => i.Element("mac")).OfType<XElement>().ToList())
            {
                mac.Remove();
            }

            foreach (var graphics in devices.Elements("graphics"))
            {
                graphics.SetAttributeValue("port", "-1");
                graphics.SetAttributeValue("autoport", "yes");
            }

            if (root.Element("os")?.Element("nvram") is { } nvram && nvram.Value.Trim().Length > 0)
            {
                var copy = DomainPlanner.NvramPath(settings, target);
                made.Add(copy);
                var sourceNvram = nvram.Value.Trim();
                if (await files.ExistsAsync(sourceNvram, cancellationToken).ConfigureAwait(false))
                {
                    await virsh.RunToolAsync(["cp", "--", sourceNvram, copy], cancellationToken).ConfigureAwait(false);
                }

                nvram.Value = copy;
            }

            var metadata = root.Element("metadata") ?? new XElement("metadata");
            if (metadata.Parent is null)
            {
                root.Element("name")!.AddAfterSelf(metadata);
            }

            var ours = metadata.Element(DomainXmlBuilder.MetadataNamespace + "vm");
            if (ours is null)
            {
                ours = new XElement(DomainXmlBuilder.MetadataNamespace + "vm", new XAttribute(XNamespace.Xmlns + "virtrigaud", DomainXmlBuilder.MetadataNamespace));
                metadata.Add(ours);
            }

            ours.Elements(LinkedFrom).Remove();
            if (linked)
            {
                ours.Add(new XElement(LinkedFrom, source));
            }

            if (resized is { Cpu: > 0 } || resized is { MemoryMiB: > 0 })
            {
                var vcpu = root.Element("vcpu")!;
                if (resized.Cpu > 0)
                {
                    vcpu.Value = resized.Cpu.ToString(CultureInfo.InvariantCulture);
                    vcpu.Attribute("current")?.Remove();
                }

                if (resized.MemoryMiB > 0)
                {
                    foreach (var element in new[] { "memory", "currentMemory" })
                    {
                        root.Element(element)?.SetAttributeValue("unit", "MiB");
                        root.Element(element)?.SetValue(resized.MemoryMiB.ToString(CultureInfo.InvariantCulture));
                    }
                }
            }

            await virsh.DefineAsync(root.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await files.RemoveAsync(made, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Names of the linked clones of <paramref name="source"/> (domains whose metadata names it).</summary>
    public static async Task<IReadOnlyList<string>> LinkedClonesOfAsync(VirshClient virsh, string source, CancellationToken cancellationToken)
    {
        var clones = new List<string>();
        foreach (var name in await virsh.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (name == source)
            {
                continue;
            }

            var result = await virsh.TryRunAsync(["dumpxml", VirshClient.Domain(name), "--inactive"], cancellationToken).ConfigureAwait(false);
            if (result.Succeeded && XElement.Parse(result.StandardOutput).Element("metadata")?.Element(DomainXmlBuilder.MetadataNamespace + "vm")?.Element(LinkedFrom)?.Value == source)
            {
                clones.Add(name);
            }
        }

        return clones;
    }
}

using System.Globalization;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Libvirt.Hosting;

/// <summary>
/// The libvirt provider's configuration, from the environment the provider controller sets (API-REFERENCE §6.2) plus
/// our additions. Immutable; read once at start.
/// <code>
/// variable                  default                      meaning
/// PROVIDER_ENDPOINT         qemu:///system               libvirt URI (qemu+ssh://user@host[:port]/system, qemu:///system, test:///default)
/// LIBVIRT_IMAGE_DIR         /var/lib/libvirt/images      where VM disks, NVRAM files and seed ISOs are created on the host
/// LIBVIRT_DOMAIN_TYPE       kvm                          kvm, or qemu (TCG emulation, hosts without usable KVM)
/// LIBVIRT_VNC_LISTEN        127.0.0.1                    address VNC consoles listen on (0.0.0.0 for console URLs reachable from elsewhere)
/// LIBVIRT_HOTPLUG_FACTOR    2                            hot-add headroom: max = factor × requested, when the class enables hot-add
/// </code>
/// Transport variables: see <see cref="Transport.LibvirtTransportEnvironment"/>.
/// </summary>
internal sealed record LibvirtProviderSettings
{
    /// <summary>The endpoint as configured.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Image folder on the host.</summary>
    public string ImageDirectory { get; init; } = "/var/lib/libvirt/images";

    /// <summary>Domain type.</summary>
    public string DomainType { get; init; } = "kvm";

    /// <summary>VNC listen address.</summary>
    public string VncListen { get; init; } = "127.0.0.1";

    /// <summary>Hot-add headroom factor.</summary>
    public int HotplugFactor { get; init; } = 2;

    /// <summary>Reads the settings.</summary>
    /// <exception cref="ArgumentException">A value is invalid; the message names the variable.</exception>
    public static LibvirtProviderSettings FromEnvironment(ProviderEnvironment environment, ProviderRuntimeOptions runtime)
    {
        var domainType = environment.GetNonEmpty("LIBVIRT_DOMAIN_TYPE")?.Trim() ?? "kvm";
        if (domainType is not "kvm" and not "qemu")
        {
            throw new ArgumentException($"LIBVIRT_DOMAIN_TYPE must be kvm or qemu, not \"{domainType}\"");
        }

        var imageDirectory = environment.GetNonEmpty("LIBVIRT_IMAGE_DIR")?.Trim() ?? "/var/lib/libvirt/images";
        if (!imageDirectory.StartsWith('/'))
        {
            throw new ArgumentException($"LIBVIRT_IMAGE_DIR must be an absolute path, not \"{imageDirectory}\"");
        }

        var factor = 2;
        if (environment.GetNonEmpty("LIBVIRT_HOTPLUG_FACTOR") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out factor) || factor is < 1 or > 16))
        {
            throw new ArgumentException($"LIBVIRT_HOTPLUG_FACTOR must be a whole number in 1..16, not \"{text}\"");
        }

        return new LibvirtProviderSettings
        {
            Endpoint = runtime.ProviderEndpoint is { Length: > 0 } endpoint ? endpoint : environment.GetNonEmpty("PROVIDER_ENDPOINT") ?? "qemu:///system",
            ImageDirectory = imageDirectory.TrimEnd('/'),
            DomainType = domainType,
            VncListen = environment.GetNonEmpty("LIBVIRT_VNC_LISTEN")?.Trim() ?? "127.0.0.1",
            HotplugFactor = factor,
        };
    }
}

using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Mock.Service;

/// <summary>
/// Reads a VMImageSpec (ImagePrepare's camelCase image_json) as the mock understands it:
/// <code>
/// source                       mock reading
/// libvirt.path                 local file (absolute path or file:// URL)
/// libvirt.url                  http(s) download (ftp is refused)
/// http.url                     http(s) download with headers, checksum, checksumType, timeout
/// vsphere.templateName         template from the catalogue (--templates); ovaURL ⇒ http(s) download
/// proxmox.templateName / ID    template from the catalogue
/// registry, dataVolume         INVALID_ARGUMENT: not offered by the mock
/// </code>
/// Pure; thread-safe.
/// </summary>
internal static class ImageSources
{
    public static ImagePrepareSpec ToPrepareSpec(string targetName, VMImageSpec spec)
    {
        var source = spec.Source;
        if (source.Libvirt is { } libvirt)
        {
            var format = libvirt.Format is { } f ? FormatName(f) : "";
            var checksumType = ChecksumTypeName(libvirt.ChecksumType);
            if (!string.IsNullOrEmpty(libvirt.Path))
            {
                return new ImagePrepareSpec { TargetName = targetName, Kind = ImageSourceKind.File, Location = libvirt.Path, Format = format, Checksum = libvirt.Checksum ?? "", ChecksumType = checksumType };
            }

            if (!string.IsNullOrEmpty(libvirt.Url))
            {
                var kind = libvirt.Url.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? ImageSourceKind.File : ImageSourceKind.Http;
                return new ImagePrepareSpec { TargetName = targetName, Kind = kind, Location = libvirt.Url, Format = format, Checksum = libvirt.Checksum ?? "", ChecksumType = checksumType };
            }

            throw ProviderErrors.InvalidArgument("image_json: source.libvirt needs a path or a url");
        }

        if (source.Http is { } http)
        {
            return new ImagePrepareSpec
            {
                TargetName = targetName,
                Kind = ImageSourceKind.Http,
                Location = http.Url,
                Checksum = http.Checksum ?? "",
                ChecksumType = ChecksumTypeName(http.ChecksumType),
                Headers = http.Headers ?? new Dictionary<string, string>(),
                Timeout = http.Timeout is { } timeout && timeout.Value > TimeSpan.Zero ? timeout.Value : null,
            };
        }

        if (source.VSphere is { } vsphere)
        {
            if (!string.IsNullOrEmpty(vsphere.TemplateName))
            {
                return new ImagePrepareSpec { TargetName = targetName, Kind = ImageSourceKind.Template, Location = vsphere.TemplateName };
            }

            if (!string.IsNullOrEmpty(vsphere.OvaURL))
            {
                return new ImagePrepareSpec { TargetName = targetName, Kind = ImageSourceKind.Http, Location = vsphere.OvaURL, Checksum = vsphere.Checksum ?? "", ChecksumType = ChecksumTypeName(vsphere.ChecksumType) };
            }

            throw ProviderErrors.InvalidArgument("image_json: source.vsphere needs a templateName or an ovaURL");
        }

        if (source.Proxmox is { } proxmox)
        {
            var name = !string.IsNullOrEmpty(proxmox.TemplateName) ? proxmox.TemplateName : proxmox.TemplateID?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return string.IsNullOrEmpty(name)
                ? throw ProviderErrors.InvalidArgument("image_json: source.proxmox needs a templateName or a templateID")
                : new ImagePrepareSpec { TargetName = targetName, Kind = ImageSourceKind.Template, Location = name };
        }

        throw ProviderErrors.InvalidArgument("image_json: the mock provider prepares images from source.libvirt, source.http, source.vsphere or source.proxmox");
    }

    private static string FormatName(ImageFormat format) => format switch
    {
        ImageFormat.Qcow2 => "qcow2",
        ImageFormat.Raw => "raw",
        ImageFormat.Vmdk => "vmdk",
        ImageFormat.Vhd => "vhd",
        ImageFormat.Vhdx => "vhdx",
        ImageFormat.Iso => "iso",
        ImageFormat.Ova => "ova",
        _ => "ovf",
    };

    private static string ChecksumTypeName(ChecksumType? type) => type switch
    {
        ChecksumType.Md5 => "md5",
        ChecksumType.Sha1 => "sha1",
        ChecksumType.Sha512 => "sha512",
        _ => "sha256",
    };
}

using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// When a VM's image must be prepared on its provider before Create (ADR-0005, API-REFERENCE §3.2): the image is
/// not yet <c>providerStatus[provider].available</c>, the provider reports <c>supportsImageImport</c>, and the source
/// cannot be used in place:
/// <code>
/// source     needs prepare when
/// libvirt    url set, or path empty
/// vsphere    ovaURL set, or neither templateName nor contentLibrary
/// proxmox    neither templateID nor templateName
/// other      always (http, registry, dataVolume)
/// </code>
/// Pure and thread-safe.
/// </summary>
public static class ImagePrepareRules
{
    /// <summary>Whether the source must be imported before a VM can boot from it.</summary>
    public static bool SourceNeedsPrepare(ImageSource source)
    {
        if (source.Libvirt is { } libvirt)
        {
            return !string.IsNullOrEmpty(libvirt.Url) || string.IsNullOrEmpty(libvirt.Path);
        }

        if (source.VSphere is { } vsphere)
        {
            return !string.IsNullOrEmpty(vsphere.OvaURL) || (string.IsNullOrEmpty(vsphere.TemplateName) && vsphere.ContentLibrary is null);
        }

        if (source.Proxmox is { } proxmox)
        {
            return proxmox.TemplateID is null && string.IsNullOrEmpty(proxmox.TemplateName);
        }

        return true;
    }

    /// <summary>Whether the image is already prepared on the provider named <paramref name="providerName"/>.</summary>
    public static bool IsPreparedOn(VMImage image, string providerName) =>
        image.Status?.ProviderStatus is { } statuses && statuses.TryGetValue(providerName, out var status) && status.Available;

    /// <summary>Whether a VM's Create must wait for (or start) an image prepare.</summary>
    public static bool NeedsPrepare(VMImage image, string providerName, bool providerSupportsImageImport) =>
        providerSupportsImageImport && !IsPreparedOn(image, providerName) && SourceNeedsPrepare(image.Spec.Source);
}

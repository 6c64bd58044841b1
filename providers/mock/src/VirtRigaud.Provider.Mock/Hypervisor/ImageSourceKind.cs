namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>Where ImagePrepare takes an image from.</summary>
public enum ImageSourceKind
{
    /// <summary>A local file (libvirt source <c>path</c>, or a <c>file://</c> URL).</summary>
    File,

    /// <summary>An http(s) URL (http source, or libvirt source <c>url</c>).</summary>
    Http,

    /// <summary>A template already on the hypervisor (vSphere/Proxmox template name).</summary>
    Template,
}

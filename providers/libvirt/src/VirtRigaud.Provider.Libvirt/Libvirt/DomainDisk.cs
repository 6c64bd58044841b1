namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>A file-backed disk of a domain.</summary>
/// <param name="Path">Image file on the host.</param>
/// <param name="Format">qcow2, raw, vmdk.</param>
/// <param name="Target">Guest device name (<c>vda</c>, <c>vdb</c>).</param>
internal sealed record DomainDisk(string Path, string Format, string Target);

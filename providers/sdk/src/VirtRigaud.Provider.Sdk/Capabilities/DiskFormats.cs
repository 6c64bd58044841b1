namespace VirtRigaud.Provider.Sdk.Capabilities;

/// <summary>Disk image formats of ExportDisk/ImportDisk (<c>format</c>) and the export/import format capability lists.</summary>
public static class DiskFormats
{
    public const string Qcow2 = "qcow2";
    public const string Vmdk = "vmdk";
    public const string Raw = "raw";

    /// <summary>Every format the contract knows.</summary>
    public static IReadOnlyList<string> All { get; } = [Qcow2, Vmdk, Raw];
}

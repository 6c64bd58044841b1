namespace VirtRigaud.Provider.Mock.DiskImages;

/// <summary>The on-file formats the mock writes and reads. vmdk and the rest are refused as unsupported.</summary>
public enum DiskImageFormat
{
    /// <summary>QEMU copy-on-write v3: a small file whose header states the virtual size.</summary>
    Qcow2,

    /// <summary>A raw image: the file is as long as the virtual disk (written sparse).</summary>
    Raw,
}

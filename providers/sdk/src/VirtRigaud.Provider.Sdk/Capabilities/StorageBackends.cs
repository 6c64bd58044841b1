namespace VirtRigaud.Provider.Sdk.Capabilities;

/// <summary>Staging backends of ExportDisk/ImportDisk (<c>backend_type</c>). An empty capability list means <see cref="Pvc"/> only.</summary>
public static class StorageBackends
{
    public const string Pvc = "pvc";
    public const string S3 = "s3";
    public const string Nfs = "nfs";

    /// <summary>Every backend the contract knows.</summary>
    public static IReadOnlyList<string> All { get; } = [Pvc, S3, Nfs];
}

namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// Placement defaults from <c>PROVIDER_DEFAULT_{DATASTORE,STORAGE_POD,CLUSTER,FOLDER}</c>, used when a Create carries
/// no placement. <c>null</c> when unset or blank. Immutable.
/// </summary>
public sealed record ProviderDefaults
{
    public string? Datastore { get; init; }

    public string? StoragePod { get; init; }

    public string? Cluster { get; init; }

    public string? Folder { get; init; }
}

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>The empty list metadata of <see cref="ApiGroupDiscoveryList"/>: discovery documents are not paged.</summary>
public sealed record DiscoveryListMeta;

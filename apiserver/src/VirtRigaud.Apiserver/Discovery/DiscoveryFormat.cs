namespace VirtRigaud.Apiserver.Discovery;

/// <summary>The representation a discovery request negotiated.</summary>
internal enum DiscoveryFormat
{
    /// <summary>No acceptable representation: answer 406.</summary>
    None,

    /// <summary>Legacy discovery JSON (APIGroupList, APIVersions, APIGroup, APIResourceList).</summary>
    Legacy,

    /// <summary>Aggregated discovery, <c>apidiscovery.k8s.io/v2</c>.</summary>
    AggregatedV2,

    /// <summary>Aggregated discovery, <c>apidiscovery.k8s.io/v2beta1</c>.</summary>
    AggregatedV2Beta1,
}

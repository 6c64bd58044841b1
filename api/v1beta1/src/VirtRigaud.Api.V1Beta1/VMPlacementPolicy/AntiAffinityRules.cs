using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Rules that spread VMs apart: from each other, and across hosts, clusters, datastores, zones and applications.</summary>
public sealed record AntiAffinityRules
{
    [JsonPropertyName("vmAntiAffinity")]
    public VMAntiAffinity? VmAntiAffinity { get; init; }

    [JsonPropertyName("hostAntiAffinity")]
    public HostAntiAffinityRule? HostAntiAffinity { get; init; }

    [JsonPropertyName("clusterAntiAffinity")]
    public ClusterAntiAffinityRule? ClusterAntiAffinity { get; init; }

    [JsonPropertyName("datastoreAntiAffinity")]
    public DatastoreAntiAffinityRule? DatastoreAntiAffinity { get; init; }

    [JsonPropertyName("zoneAntiAffinity")]
    public ZoneAntiAffinityRule? ZoneAntiAffinity { get; init; }

    [JsonPropertyName("applicationAntiAffinity")]
    public ApplicationAntiAffinityRule? ApplicationAntiAffinity { get; init; }
}

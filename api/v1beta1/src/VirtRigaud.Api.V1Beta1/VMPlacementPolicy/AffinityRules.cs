using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Rules that keep VMs together, or on preferred hosts, clusters, datastores and zones.</summary>
public sealed record AffinityRules
{
    [JsonPropertyName("vmAffinity")]
    public VMAffinity? VmAffinity { get; init; }

    [JsonPropertyName("hostAffinity")]
    public HostAffinityRule? HostAffinity { get; init; }

    [JsonPropertyName("clusterAffinity")]
    public ClusterAffinityRule? ClusterAffinity { get; init; }

    [JsonPropertyName("datastoreAffinity")]
    public DatastoreAffinityRule? DatastoreAffinity { get; init; }

    [JsonPropertyName("zoneAffinity")]
    public ZoneAffinityRule? ZoneAffinity { get; init; }

    [JsonPropertyName("applicationAffinity")]
    public ApplicationAffinityRule? ApplicationAffinity { get; init; }
}

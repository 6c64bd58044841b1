using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class VMMigrationSerializationTests
{
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [Theory]
    [InlineData(MigrationPhase.ValidatingTarget, "Validating-Target")]
    [InlineData(MigrationPhase.Importing, "Importing")]
    [InlineData(MigrationPhase.Ready, "Ready")]
    public void Serialize_Phase_UsesTheWireName(MigrationPhase phase, string wire)
    {
        var status = new VMMigrationStatus { Phase = phase, Progress = new MigrationProgress { CurrentPhase = phase } };

        var json = JsonSerializer.SerializeToNode(status, Options)!;

        Assert.Equal(wire, (string?)json["phase"]);
        Assert.Equal(wire, (string?)json["progress"]!["currentPhase"]);
        Assert.Equal(phase, JsonSerializer.Deserialize<VMMigrationStatus>(json, Options)!.Phase);
    }

    // Upstream's createSnapshot and usePathStyle are the defaulted booleans it protected from omitempty; an explicit
    // false must survive a round trip instead of turning back into the default.
    [Fact]
    public void RoundTrip_ExplicitFalseOfDefaultedBooleans_Kept()
    {
        const string Json = """
            {"source":{"vmRef":{"name":"web-01"},"createSnapshot":false},
             "target":{"name":"web-01-kvm","providerRef":{"name":"libvirt-lab"}},
             "storage":{"type":"s3","s3":{"bucket":"vms","credentialsSecretRef":{"name":"s3"},"usePathStyle":false}}}
            """;

        var spec = JsonSerializer.Deserialize<VMMigrationSpec>(Json, Options)!;
        var again = JsonSerializer.SerializeToNode(spec, Options)!;

        Assert.False(spec.Source.CreateSnapshot);
        Assert.Equal(MigrationStorageType.S3, spec.Storage!.Type);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Json), again));
    }
}

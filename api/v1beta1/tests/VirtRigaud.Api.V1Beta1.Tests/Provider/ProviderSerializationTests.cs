using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class ProviderSerializationTests
{
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [Theory]
    [InlineData("vsphere", ProviderType.VSphere)]
    [InlineData("libvirt", ProviderType.Libvirt)]
    [InlineData("firecracker", ProviderType.Firecracker)]
    [InlineData("qemu", ProviderType.Qemu)]
    [InlineData("proxmox", ProviderType.Proxmox)]
    public void Deserialize_Type_ReadsTheWireName(string wire, ProviderType type)
    {
        var json = $$$"""{"type":"{{{wire}}}","endpoint":"https://h","credentialSecretRef":{"name":"c"},"runtime":{"image":"p:1"}}""";

        var spec = JsonSerializer.Deserialize<ProviderSpec>(json, Options)!;

        Assert.Equal(type, spec.Type);
        Assert.Equal(wire, (string?)JsonSerializer.SerializeToNode(spec, Options)!["type"]);
    }

    // tls.enabled defaults to true; an explicit false (plaintext) must not be lost or turned back into true.
    [Fact]
    public void RoundTrip_TlsExplicitlyDisabled_Kept()
    {
        const string Json = """{"port":9443,"tls":{"enabled":false}}""";

        var service = JsonSerializer.Deserialize<ProviderServiceSpec>(Json, Options)!;

        Assert.False(service.Tls!.Enabled);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Json), JsonSerializer.SerializeToNode(service, Options)));
    }

    [Fact]
    public void RoundTrip_StatusWithCapabilitiesAndRuntime_Kept()
    {
        const string Json = """
            {"healthy":true,"runtime":{"mode":"Remote","endpoint":"virtrigaud-provider-default-kvm01.default.svc.cluster.local:9443",
             "serviceRef":{"name":"virtrigaud-provider-default-kvm01"},"phase":"Running","readyReplicas":1},
             "capabilities":["VirtualMachines","GPUPassthrough"],
             "reportedCapabilities":{"supportsSnapshots":true,"supportsMemorySnapshots":false,"supportedExportBackends":["pvc","s3","nfs"]},
             "connectedVMs":3}
            """;

        var status = JsonSerializer.Deserialize<ProviderStatus>(Json, Options)!;

        Assert.Equal(ProviderRuntimePhase.Running, status.Runtime!.Phase);
        Assert.Equal([ProviderCapability.VirtualMachines, ProviderCapability.GPUPassthrough], status.Capabilities);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Json), JsonSerializer.SerializeToNode(status, Options)));
    }
}

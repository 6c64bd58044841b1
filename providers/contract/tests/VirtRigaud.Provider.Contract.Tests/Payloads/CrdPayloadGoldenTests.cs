using System.Text.Json;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Provider.Contract.Payloads;

namespace VirtRigaud.Provider.Contract.Tests.Payloads;

/// <summary>
/// The exact bytes an upstream Go manager writes for the camelCase CRD payloads (Clone class_json/customize_json,
/// ImagePrepare image_json): it decodes the object the API server returns into the Go CRD types and marshals the spec,
/// so omitempty drops false/0/""/empty slices and maps, pointers keep their zero values, value structs are always
/// written, quantities and durations come out canonical and map keys sorted.
/// </summary>
public sealed class CrdPayloadGoldenTests
{
    [Fact]
    public void SerializeCloneClass_StoredSpec_GoBytes()
    {
        // As stored after defaulting: explicit false bools, a non-canonical quantity, an unsorted map, a zero pointer.
        var spec = Read(
            """
            {"cpu":4,"memory":"1.5Gi","firmware":"BIOS","diskDefaults":{"type":"thin"},"guestToolsPolicy":"install",
             "extraConfig":{"b":"2","a":"1"},"resourceLimits":{"cpuReservation":0,"memoryLimit":"2048Mi"},
             "performanceProfile":{"latencySensitivity":"normal","cpuHotAddEnabled":false,"memoryHotAddEnabled":false,
               "virtualizationBasedSecurity":false,"nestedVirtualization":true,"hyperThreadingPolicy":"auto"},
             "securityProfile":{"secureBoot":false,"tpmEnabled":false,"vtdEnabled":false,"encryptionPolicy":{"enabled":false}}}
            """,
            V1Beta1JsonContext.Default.VMClassSpec);

        Assert.Equal(
            """{"cpu":4,"memory":"1536Mi","firmware":"BIOS","diskDefaults":{"type":"thin","size":"0"},"guestToolsPolicy":"install","extraConfig":{"a":"1","b":"2"},"resourceLimits":{"cpuReservation":0,"memoryLimit":"2Gi"},"performanceProfile":{"latencySensitivity":"normal","nestedVirtualization":true,"hyperThreadingPolicy":"auto"},"securityProfile":{"encryptionPolicy":{}}}""",
            ProviderPayloads.SerializeCloneClass(spec));
    }

    [Fact]
    public void SerializeCloneClass_Minimal_RequiredFieldsOnly()
    {
        var spec = Read("""{"cpu":1,"memory":"512Mi"}""", V1Beta1JsonContext.Default.VMClassSpec);

        Assert.Equal("""{"cpu":1,"memory":"512Mi"}""", ProviderPayloads.SerializeCloneClass(spec));
    }

    [Fact]
    public void SerializeCustomization_StoredSpec_GoBytes()
    {
        var spec = Read(
            """
            {"hostname":"web-1","domain":"","networks":[{"name":"eth0","ipAddress":"10.0.0.5","dns":["1.1.1.1"],"dhcp":false},
              {"name":"eth1","dhcp":true,"dns":[]}],
             "userData":{"cloudInit":{"inline":"#cloud-config\nhostname: <web-1> & co"}},
             "sysprep":{"enabled":false,"joinDomain":{"domain":"corp","username":"admin","password":{"secretRef":{"name":"pw"},"secretKey":"password"}}},
             "tags":[],"guestCommands":[{"command":"echo","arguments":[],"timeout":"90s","stage":"first-boot"}],
             "certificates":[{"name":"ca","data":"","store":"root"}]}
            """,
            V1Beta1JsonContext.Default.VMCustomization);

        Assert.Equal(
            """{"hostname":"web-1","networks":[{"name":"eth0","ipAddress":"10.0.0.5","dns":["1.1.1.1"]},{"name":"eth1","dhcp":true}],"userData":{"cloudInit":{"inline":"#cloud-config\nhostname: \u003cweb-1\u003e \u0026 co"}},"sysprep":{"joinDomain":{"domain":"corp","username":"admin","password":{"secretRef":{"name":"pw"},"secretKey":"password"}}},"guestCommands":[{"command":"echo","timeout":"1m30s","stage":"first-boot"}],"certificates":[{"name":"ca","store":"root"}]}""",
            ProviderPayloads.SerializeCustomization(spec));
    }

    [Fact]
    public void SerializeImageSpec_LibvirtUrl_GoBytes()
    {
        var spec = Read(
            """
            {"source":{"libvirt":{"url":"https://images.example/jammy.qcow2","format":"qcow2","checksum":"","checksumType":"sha256"}},
             "prepare":{"onMissing":"Import","validateChecksum":true,"timeout":"30m","retries":0,"force":false},
             "metadata":{"tags":{}}}
            """,
            V1Beta1JsonContext.Default.VMImageSpec);

        Assert.Equal(
            """{"source":{"libvirt":{"url":"https://images.example/jammy.qcow2","format":"qcow2","checksumType":"sha256"}},"prepare":{"onMissing":"Import","validateChecksum":true,"timeout":"30m0s","retries":0},"metadata":{}}""",
            ProviderPayloads.SerializeImageSpec(spec));
    }

    [Fact]
    public void SerializeImageSpec_HttpWithHeadersAndProxmoxPointers_GoBytes()
    {
        var spec = Read(
            """
            {"source":{"http":{"url":"https://x/a.img","headers":{"X-B":"2","Authorization":"<redacted>"},"timeout":"1h"},
              "proxmox":{"templateID":0,"fullClone":false}},
             "prepare":{"validateChecksum":false,"storage":{"vsphere":{"thinProvisioned":false},"compression":false}},
             "distribution":{"name":"ubuntu","kernel":{}}}
            """,
            V1Beta1JsonContext.Default.VMImageSpec);

        Assert.Equal(
            """{"source":{"http":{"url":"https://x/a.img","headers":{"Authorization":"\u003credacted\u003e","X-B":"2"},"timeout":"1h0m0s"},"proxmox":{"templateID":0,"fullClone":false}},"prepare":{"storage":{"vsphere":{"thinProvisioned":false}}},"distribution":{"name":"ubuntu","kernel":{}}}""",
            ProviderPayloads.SerializeImageSpec(spec));
    }

    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(json, typeInfo)!;
}

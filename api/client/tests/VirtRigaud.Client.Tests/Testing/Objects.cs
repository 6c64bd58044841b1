using System.Globalization;
using System.Text.Json;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Client.Tests.Testing;

/// <summary>Valid objects of our kinds for the integration tests, built from JSON as a user would write them.</summary>
public static class Objects
{
    public static VirtualMachine Vm(string name, string? ns = null, string labels = "{}") => JsonSerializer.Deserialize(
        """
        {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine",
         "metadata":{"name":"NAME"NAMESPACE,"labels":LABELS},
         "spec":{"providerRef":{"name":"vsphere"},"classRef":{"name":"small"},"imageRef":{"name":"ubuntu"},"powerState":"On"}}
        """
            .Replace("NAMESPACE", ns is null ? "" : ",\"namespace\":\"" + ns + "\"", StringComparison.Ordinal)
            .Replace("NAME", name, StringComparison.Ordinal)
            .Replace("LABELS", labels, StringComparison.Ordinal),
        V1Beta1JsonContext.Default.VirtualMachine)!;

    public static VMClass VmClass(string name, int cpu = 2) => JsonSerializer.Deserialize(
        """
        {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMClass","metadata":{"name":"NAME"},"spec":{"cpu":CPU,"memory":"2Gi"}}
        """
            .Replace("NAME", name, StringComparison.Ordinal)
            .Replace("CPU", cpu.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
        V1Beta1JsonContext.Default.VMClass)!;

    public static VMSet VmSet(string name, int replicas) => JsonSerializer.Deserialize(
        """
        {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMSet","metadata":{"name":"NAME"},
         "spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"NAME"}},
          "template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"providerRef":{"name":"vsphere"},"classRef":{"name":"small"},"imageRef":{"name":"ubuntu"}}}}}
        """
            .Replace("NAME", name, StringComparison.Ordinal)
            .Replace("REPLICAS", replicas.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
        V1Beta1JsonContext.Default.VMSet)!;
}

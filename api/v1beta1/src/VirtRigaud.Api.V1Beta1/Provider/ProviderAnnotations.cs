namespace VirtRigaud.Api.V1Beta1;

/// <summary>Annotations on a <see cref="Provider"/> that drive VM adoption.</summary>
public static class ProviderAnnotations
{
    /// <summary>
    /// <c>"true"</c> (exactly) asks the adoption controller to create VirtualMachine objects for the hypervisor's VMs
    /// that no VirtualMachine manages yet; any other value or its absence turns adoption off.
    /// </summary>
    public const string AdoptVMs = "virtrigaud.io/adopt-vms";

    /// <summary>
    /// Optional JSON object narrowing what is adopted:
    /// <c>{"namePattern": "&lt;Go regexp&gt;", "powerState": "On", "minCPU": 2, "maxCPU": 8, "minMemoryMiB": 2048, "maxMemoryMiB": 16384}</c>,
    /// every field optional, a zero maximum meaning no maximum.
    /// </summary>
    public const string AdoptFilter = "virtrigaud.io/adopt-filter";
}

using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.Adoption;

/// <summary>
/// The observable contract of VM adoption (API-REFERENCE §3.5): the Provider annotations that drive it, the labels and
/// annotations of adopted VMs and classes, and event reasons. Additions are marked.
/// </summary>
public static class VMAdoptionConventions
{
    /// <summary>Provider annotation: <c>"true"</c> turns adoption on (see <see cref="ProviderAnnotations.AdoptVMs"/>).</summary>
    public const string AdoptVMsAnnotation = ProviderAnnotations.AdoptVMs;

    /// <summary>Provider annotation: the JSON filter (see <see cref="AdoptionFilter"/>).</summary>
    public const string AdoptFilterAnnotation = ProviderAnnotations.AdoptFilter;

    /// <summary>Label on adopted VirtualMachines and their VMClasses: the VM controller never creates adopted VMs.</summary>
    public const string AdoptedLabel = "virtrigaud.io/adopted";

    /// <summary>Annotation (addition) on adopted VirtualMachines: <c>&lt;provider&gt;/&lt;provider VM name&gt;</c> they were adopted from.</summary>
    public const string AdoptedFromAnnotation = "virtrigaud.io/adopted-from";

    /// <summary>The Provider condition adoption waits for (set by the Provider controller).</summary>
    public const string ProviderAvailableCondition = "ProviderAvailable";

    /// <summary>Event on the Provider: a discovery adopted VMs.</summary>
    public const string EventAdopted = "VMsAdopted";

    /// <summary>Event on the Provider: VMs matched the filter but could not be adopted.</summary>
    public const string EventAdoptionFailed = "AdoptionFailed";

    /// <summary>Event on the Provider: the filter annotation does not parse.</summary>
    public const string EventInvalidFilter = "AdoptionFilterInvalid";

    /// <summary>Event on an adopted VirtualMachine.</summary>
    public const string EventVmAdopted = "Adopted";
}

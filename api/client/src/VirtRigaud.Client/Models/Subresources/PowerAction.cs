namespace VirtRigaud.Client.Models.Subresources;

/// <summary>The actions of the VirtualMachine <c>power</c> subresource.</summary>
public static class PowerAction
{
    /// <summary>Power on (sets <c>spec.powerState: On</c>).</summary>
    public const string On = "On";

    /// <summary>Power off at once (sets <c>spec.powerState: Off</c>).</summary>
    public const string Off = "Off";

    /// <summary>Shut the guest down (sets <c>spec.powerState: OffGraceful</c>).</summary>
    public const string OffGraceful = "OffGraceful";

    /// <summary>Reboot once (sets the <c>virtrigaud.io/reboot-requested-at</c> annotation).</summary>
    public const string Reboot = "Reboot";
}

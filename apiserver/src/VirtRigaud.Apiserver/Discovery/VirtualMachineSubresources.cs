namespace VirtRigaud.Apiserver.Discovery;

/// <summary>
/// Names of the action subresources of <c>virtualmachines</c> as discovery and OpenAPI publish them. The REST layer and
/// the controllers use the same names so that what clients discover is what the server serves.
/// </summary>
public static class VirtualMachineSubresources
{
    /// <summary>The subresource that takes a power request (<c>POST …/virtualmachines/{name}/power</c>).</summary>
    public const string Power = "power";

    /// <summary>The subresource that returns or streams the console (<c>GET …/virtualmachines/{name}/console</c>).</summary>
    public const string Console = "console";

    /// <summary>The kind of the body POSTed to <c>power</c>: <c>{"action":"On|Off|OffGraceful|Reboot"}</c>.</summary>
    public const string PowerRequestKind = "VirtualMachinePowerRequest";

    /// <summary>The kind <c>GET …/console</c> returns (the console endpoint) when not upgraded to a WebSocket.</summary>
    public const string ConsoleKind = "VirtualMachineConsole";

    /// <summary>The power actions a power request may carry.</summary>
    public static IReadOnlyList<string> PowerActions { get; } = ["On", "Off", "OffGraceful", "Reboot"];
}

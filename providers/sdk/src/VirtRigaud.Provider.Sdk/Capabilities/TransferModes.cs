namespace VirtRigaud.Provider.Sdk.Capabilities;

/// <summary>Disk transfer modes (<c>transfer_mode</c>). An empty capability list means <see cref="Relay"/> only.</summary>
public static class TransferModes
{
    public const string Auto = "auto";
    public const string Relay = "relay";
    public const string Direct = "direct";

    /// <summary>Every mode the contract knows.</summary>
    public static IReadOnlyList<string> All { get; } = [Auto, Relay, Direct];
}

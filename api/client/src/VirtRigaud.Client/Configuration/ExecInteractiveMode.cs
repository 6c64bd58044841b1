namespace VirtRigaud.Client.Configuration;

/// <summary>The values of <see cref="ExecConfig.InteractiveMode"/>.</summary>
public static class ExecInteractiveMode
{
    public const string Never = "Never";
    public const string IfAvailable = "IfAvailable";
    public const string Always = "Always";
}

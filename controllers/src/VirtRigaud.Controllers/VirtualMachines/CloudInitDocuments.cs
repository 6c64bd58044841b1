namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>The rendered cloud-init documents sent with Create (<c>user_data</c>, <c>meta_data</c>). May hold secrets: never log them.</summary>
public sealed record CloudInitDocuments
{
    /// <summary>No user-data and no meta-data.</summary>
    public static CloudInitDocuments Empty { get; } = new() { UserData = "", MetaData = "" };

    /// <summary>The user-data document ("" when none).</summary>
    public required string UserData { get; init; }

    /// <summary>The meta-data YAML ("" when none).</summary>
    public required string MetaData { get; init; }

    /// <summary>Redacted: the documents may carry passwords and keys.</summary>
    public override string ToString() => $"CloudInitDocuments {{ UserData = {UserData.Length} chars, MetaData = {MetaData.Length} chars }}";
}

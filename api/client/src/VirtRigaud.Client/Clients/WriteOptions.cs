namespace VirtRigaud.Client.Clients;

/// <summary>
/// Query options of a create, update or patch (metav1.CreateOptions/UpdateOptions/PatchOptions). Immutable.
/// </summary>
public sealed record WriteOptions
{
    /// <summary>No options: a real write, the server's field manager and validation defaults.</summary>
    public static WriteOptions Default { get; } = new();

    /// <summary>Validate and compute the result without storing it (<c>dryRun=All</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>The field manager recorded in <c>managedFields</c> (at most 128 printable characters).</summary>
    public string? FieldManager { get; init; }

    /// <summary>How unknown or duplicate fields are treated: see <see cref="FieldValidation"/>.</summary>
    public string? FieldValidation { get; init; }
}

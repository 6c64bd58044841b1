namespace VirtRigaud.Client.Clients;

/// <summary>Options of a server-side apply (<c>PATCH</c> with <c>application/apply-patch+yaml</c>). Immutable.</summary>
public sealed record ApplyOptions
{
    /// <summary>The applier's field manager (required by the server).</summary>
    public required string FieldManager { get; init; }

    /// <summary>Take ownership of fields another manager owns instead of failing with 409 (<c>force=true</c>).</summary>
    public bool Force { get; init; }

    /// <summary>Validate and compute without storing (<c>dryRun=All</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>See <see cref="Clients.FieldValidation"/>.</summary>
    public string? FieldValidation { get; init; }
}

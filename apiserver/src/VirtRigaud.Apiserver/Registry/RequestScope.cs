using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>How unknown and duplicate fields in a request body are treated (<c>?fieldValidation=</c>).</summary>
public enum FieldValidation
{
    /// <summary>Drop them silently.</summary>
    Ignore,

    /// <summary>Drop them and send a <c>Warning</c> header per field (the server default).</summary>
    Warn,

    /// <summary>Refuse the request with 400 BadRequest (kubectl's default).</summary>
    Strict,
}

/// <summary>
/// Who asks, where, and with which write options: what every store operation needs besides its own arguments.
/// Warnings added here are sent as <c>Warning: 299 - "..."</c> headers.
/// </summary>
public sealed class RequestScope
{
    public required UserInfo User { get; init; }

    /// <summary>The namespace of the URL; empty for requests across all namespaces.</summary>
    public string Namespace { get; init; } = "";

    /// <summary><c>dryRun=All</c>: run every step but do not persist.</summary>
    public bool DryRun { get; init; }

    /// <summary>The <c>fieldManager</c> recorded in managedFields (defaults from the user agent as kube-apiserver does).</summary>
    public string FieldManager { get; init; } = "";

    public FieldValidation FieldValidation { get; init; } = FieldValidation.Warn;

    /// <summary>
    /// Keys the request body repeated (dotted paths), found while decoding it: with <see cref="FieldValidation"/>
    /// Strict they fail the write together with unknown fields, with Warn they become warnings.
    /// </summary>
    public IReadOnlyList<string> DuplicateFields { get; set; } = [];

    /// <summary>Warnings for the client, in order, without duplicates.</summary>
    public IList<string> Warnings { get; } = [];

    public void Warn(string warning)
    {
        if (!Warnings.Contains(warning))
        {
            Warnings.Add(warning);
        }
    }
}

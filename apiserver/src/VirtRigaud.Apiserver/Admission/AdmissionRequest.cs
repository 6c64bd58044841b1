using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Admission;

/// <summary>What an admission plugin sees (admission.Attributes): the operation, the object and the old object.</summary>
public sealed class AdmissionRequest
{
    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    public required string Operation { get; init; }

    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public required string Resource { get; init; }

    public string Subresource { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>The object being written (null for DELETE); mutating plugins may replace its content.</summary>
    public JsonObject? Object { get; set; }

    /// <summary>The object before the change (UPDATE, DELETE).</summary>
    public JsonObject? OldObject { get; init; }

    public required UserInfo User { get; init; }

    public bool DryRun { get; init; }

    /// <summary>Warnings to send to the client (<c>Warning: 299 - "..."</c>).</summary>
    public IList<string> Warnings { get; } = [];
}

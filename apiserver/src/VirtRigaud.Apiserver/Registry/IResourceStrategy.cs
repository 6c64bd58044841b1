using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// What differs between resources in the generic <see cref="ResourceStore"/> (k8s.io/apiserver's RESTCreateStrategy,
/// RESTUpdateStrategy and friends). The store calls the hooks in this order:
/// create: <see cref="Default"/> → admission (mutating) → <see cref="PrepareForCreate"/> → <see cref="Validate"/> →
/// admission (validating) → <see cref="Canonicalize"/> → storage;
/// update: <see cref="Default"/> → admission (mutating) → <see cref="PrepareForUpdate"/> → <see cref="ValidateUpdate"/> →
/// admission (validating) → <see cref="Canonicalize"/> → storage.
/// </summary>
public interface IResourceStrategy
{
    /// <summary>
    /// MUTATES. Prunes fields the schema does not know (adding their paths to <paramref name="unknownFields"/>, for
    /// <c>fieldValidation</c>) and applies the schema's defaults, as a CRD's structural schema does on decode.
    /// </summary>
    void Default(JsonObject obj, ICollection<string> unknownFields, ICollection<string> warnings);

    /// <summary>MUTATES. Clears what a client may not set on create (status when the status subresource owns it) and sets generation 1.</summary>
    void PrepareForCreate(JsonObject obj);

    /// <summary>
    /// MUTATES <paramref name="obj"/> only. Carries over what this endpoint may not change (the status for the main
    /// resource, everything but the status for <c>/status</c>) and bumps <c>metadata.generation</c> when the desired state changed.
    /// </summary>
    void PrepareForUpdate(JsonObject obj, JsonObject old);

    /// <summary>Does not mutate. Every problem of a new object, with field paths.</summary>
    FieldErrorList Validate(JsonObject obj, ICollection<string> warnings);

    /// <summary>Does not mutate. Every problem of an update, including changes to immutable fields.</summary>
    FieldErrorList ValidateUpdate(JsonObject obj, JsonObject old, ICollection<string> warnings);

    /// <summary>MUTATES. Last step before storage: puts the object in its canonical form.</summary>
    void Canonicalize(JsonObject obj);
}

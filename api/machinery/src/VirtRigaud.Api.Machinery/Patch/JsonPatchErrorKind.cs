namespace VirtRigaud.Api.Machinery.Patch;

/// <summary>
/// Why a JSON patch was refused, so that the HTTP edge can choose the status without reading messages:
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>kind</term><description>thrown as / HTTP status (Kubernetes)</description></listheader>
/// <item><term><see cref="InvalidDocument"/></term><description><see cref="JsonPatchFormatException"/> / 400 BadRequest</description></item>
/// <item><term><see cref="TooManyOperations"/></term><description><see cref="JsonPatchFormatException"/> / 413 RequestEntityTooLarge</description></item>
/// <item><term><see cref="PathNotFound"/></term><description><see cref="JsonPatchApplyException"/> / 422</description></item>
/// <item><term><see cref="TestFailed"/></term><description><see cref="JsonPatchApplyException"/> / 422 (KubeVirt's own handlers use 409)</description></item>
/// <item><term><see cref="NotApplicable"/></term><description><see cref="JsonPatchApplyException"/> / 422</description></item>
/// </list>
/// </remarks>
public enum JsonPatchErrorKind
{
    /// <summary>Not JSON, not an array of objects, or an operation with a missing, mistyped or unknown member value.</summary>
    InvalidDocument,

    /// <summary>More operations than the configured maximum (kube-apiserver allows 10 000).</summary>
    TooManyOperations,

    /// <summary>A <c>path</c> or <c>from</c> that does not exist: missing member, index out of range, not a container.</summary>
    PathNotFound,

    /// <summary>A <c>test</c> operation whose value differs from the document's.</summary>
    TestFailed,

    /// <summary>An operation that can never apply: moving a value into its own child, removing the whole document.</summary>
    NotApplicable,
}

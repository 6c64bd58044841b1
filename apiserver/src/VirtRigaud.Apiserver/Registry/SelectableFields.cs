using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// The fields a <c>fieldSelector</c> may name per kind: <c>metadata.name</c> and <c>metadata.namespace</c> for every
/// kind (as for every CRD) plus the references and phases users filter by. A missing field reads as the empty string.
/// </summary>
public static class SelectableFields
{
    private static readonly string[] Common = ["metadata.name", "metadata.namespace"];

    private static readonly Dictionary<string, string[]> ByKind = new(StringComparer.Ordinal)
    {
        [VirtualMachine.KindName] = ["spec.providerRef.name", "spec.classRef.name", "spec.imageRef.name", "spec.powerState", "status.phase", "status.powerState"],
        [VMClass.KindName] = ["spec.firmware"],
        [VMImage.KindName] = ["status.phase"],
        [VMNetworkAttachment.KindName] = ["status.phase"],
        // Qualified: the namespace VirtRigaud.Provider (the provider contract) hides the kind's short name here.
        [Api.V1Beta1.Provider.KindName] = ["spec.type", "spec.runtime.mode", "status.healthy"],
        [VMMigration.KindName] = ["spec.source.vmRef.name", "status.phase"],
        [VMSnapshot.KindName] = ["spec.vmRef.name", "status.phase"],
        [VMClone.KindName] = ["spec.source.vmRef.name", "status.phase"],
        [VMSet.KindName] = ["spec.template.spec.providerRef.name"],
    };

    /// <summary>The selectable field names of a kind.</summary>
    public static IReadOnlyList<string> For(string kind) =>
        ByKind.TryGetValue(kind, out var extra) ? [.. Common, .. extra] : Common;

    /// <summary>The value of a selectable field in an object (empty when absent; booleans and numbers in their JSON text).</summary>
    public static string Value(JsonObject obj, string field)
    {
        JsonNode? node = obj;
        foreach (var segment in field.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
            if (node is null)
            {
                return "";
            }
        }

        return node is JsonValue v
            ? v.GetValueKind() switch
            {
                JsonValueKind.String => v.GetValue<string>(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => v.ToJsonString(),
                _ => "",
            }
            : "";
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Repairs that make YAML written for upstream apply unchanged, each reported as a warning. Today one: an unquoted
/// <c>powerState: On</c> / <c>Off</c> is a YAML 1.1 boolean by the time it reaches the server (kubectl converts YAML to
/// JSON with YAML 1.1 rules), which upstream rejected; we read <c>true</c> as <c>On</c> and <c>false</c> as <c>Off</c>.
/// MUTATES the document.
/// </summary>
public static class CompatibilityFixups
{
    /// <summary>Applies the fix-ups that concern <paramref name="kind"/>, adding one warning per repaired field.</summary>
    public static void Apply(KindInfo kind, JsonObject document, ICollection<string> warnings)
    {
        if (kind.Kind == VirtualMachine.KindName)
        {
            FixPowerState(document["spec"] as JsonObject, "spec.powerState", warnings);
        }
        else if (kind.Kind == VMSet.KindName)
        {
            FixPowerState(document["spec"]?["template"]?["spec"] as JsonObject, "spec.template.spec.powerState", warnings);
        }
    }

    private static void FixPowerState(JsonObject? spec, string path, ICollection<string> warnings)
    {
        if (spec?["powerState"] is not JsonValue value)
        {
            return;
        }

        var kind = value.GetValueKind();
        if (kind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return;
        }

        var state = kind == JsonValueKind.True ? "On" : "Off";
        spec["powerState"] = state;
        warnings.Add(
            $"{path}: the YAML boolean {(kind == JsonValueKind.True ? "true" : "false")} was read as \"{state}\"; " +
            $"quote the value (powerState: \"{state}\") because YAML 1.1 reads unquoted On/Off/yes/no as booleans");
    }
}

using System.Text.Json.Nodes;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Discovery;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// The definitions of the bodies of the virtual machine action subresources (in the source form of
/// <see cref="KindSchemas"/>): the power request POSTed to <c>power</c> and the console endpoint <c>console</c> returns.
/// Every call returns a fresh object.
/// </summary>
internal static class ActionSchemas
{
    /// <summary><c>{"apiVersion":…,"kind":"VirtualMachinePowerRequest","action":"On|Off|OffGraceful|Reboot"}</c>.</summary>
    public static JsonObject PowerRequest() => new()
    {
        ["description"] = "A request to change a virtual machine's power: On, Off and OffGraceful set spec.powerState; Reboot restarts the machine once.",
        ["type"] = "object",
        ["required"] = new JsonArray("action"),
        ["properties"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["description"] = "The power action.",
                ["type"] = "string",
                ["enum"] = new JsonArray(VirtualMachineSubresources.PowerActions.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
            },
            ["apiVersion"] = new JsonObject { ["description"] = "infra.virtrigaud.io/v1beta1 (optional).", ["type"] = "string" },
            ["kind"] = new JsonObject { ["description"] = VirtualMachineSubresources.PowerRequestKind + " (optional).", ["type"] = "string" },
        },
        ["x-kubernetes-group-version-kind"] = Gvk(VirtualMachineSubresources.PowerRequestKind),
    };

    /// <summary>The console endpoint of a virtual machine: its identity and the provider's console URL.</summary>
    public static JsonObject Console() => new()
    {
        ["description"] = "The console endpoint of a virtual machine, as its provider reported it.",
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["description"] = "infra.virtrigaud.io/v1beta1.", ["type"] = "string" },
            ["kind"] = new JsonObject { ["description"] = VirtualMachineSubresources.ConsoleKind + ".", ["type"] = "string" },
            ["metadata"] = Describe(OpenApiSchemaConversion.Ref(MetaDefinitions.ObjectMeta), "Name, namespace, uid and resourceVersion of the virtual machine."),
            ["url"] = new JsonObject { ["description"] = "The console URL (status.consoleURL of the virtual machine).", ["type"] = "string" },
        },
        ["x-kubernetes-group-version-kind"] = Gvk(VirtualMachineSubresources.ConsoleKind),
    };

    private static JsonObject Describe(JsonObject o, string description)
    {
        o["description"] = description;
        return o;
    }

    private static JsonArray Gvk(string kind) =>
        new(new JsonObject { ["group"] = GroupInfo.Group, ["kind"] = kind, ["version"] = GroupInfo.Version });
}

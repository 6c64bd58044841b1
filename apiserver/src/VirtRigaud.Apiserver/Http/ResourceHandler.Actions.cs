using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Http;

internal sealed partial class ResourceHandler
{
    /// <summary>The annotation a Reboot power request leaves for the VirtualMachine controller (RFC 3339 time of the request).</summary>
    public const string RebootRequestedAtAnnotation = "virtrigaud.io/reboot-requested-at";

    /// <summary>
    /// POST <c>virtualmachines/{name}/power</c> with <c>{"action":"On|Off|OffGraceful|Reboot"}</c> (optionally with
    /// apiVersion and kind <c>VirtualMachinePowerRequest</c>). On, Off and OffGraceful set <c>spec.powerState</c>: the
    /// request is recorded declaratively and the controller converges the machine. Reboot is an event, not a state: it
    /// sets the <see cref="RebootRequestedAtAnnotation"/> annotation, which the controller acts on once. Either way the
    /// answer is 202 Accepted with the updated VirtualMachine: the change is stored, the machine follows.
    /// </summary>
    private async Task PowerAsync()
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: false, watch: false);
        var scope = WriteScope("CreateOptions");
        var bytes = await RequestBodyReader.ReadAsync(Request, _options.MaxRequestBodyBytes, _cancellationToken);
        var body = RequestBodyReader.DecodeObject(Request, bytes, VirtualMachineSubresources.PowerRequestKind).Object;
        CheckTypeMeta(body, VirtualMachineSubresources.PowerRequestKind, GroupInfo.ApiVersion, kindIsInvalid: false);
        var action = body["action"] is JsonValue a && a.GetValueKind() == JsonValueKind.String ? a.GetValue<string>() : null;
        if (action is null || !VirtualMachineSubresources.PowerActions.Contains(action, StringComparer.Ordinal))
        {
            var path = FieldPath.NewPath("action");
            FieldError error = action is null ? FieldError.Required(path) : FieldError.NotSupported(path, action, VirtualMachineSubresources.PowerActions);
            throw StatusException.Invalid(Kind.Group, VirtualMachineSubresources.PowerRequestKind, _info.Name, [error]);
        }

        var requestedAt = Rfc3339.Format(_time.GetUtcNow());
        var updated = await _store.UpdateAsync(
            scope,
            _info.Name,
            VirtualMachineSubresources.Power,
            (current, _) =>
            {
                if (action == "Reboot")
                {
                    var meta = ObjectJson.Metadata(current);
                    if (meta["annotations"] is not JsonObject annotations)
                    {
                        annotations = [];
                        meta["annotations"] = annotations;
                    }

                    annotations[RebootRequestedAtAnnotation] = requestedAt;
                }
                else
                {
                    if (current["spec"] is not JsonObject spec)
                    {
                        spec = [];
                        current["spec"] = spec;
                    }

                    spec["powerState"] = action;
                }

                return ValueTask.FromResult(current);
            },
            _cancellationToken);
        await ApiResponses.WriteAsync(_http, StatusCodes.Status202Accepted, updated, format, Warnings, _cancellationToken);
    }
}

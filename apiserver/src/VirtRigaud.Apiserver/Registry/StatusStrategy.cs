using System.Text.Json.Nodes;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// The strategy of <c>{resource}/status</c>: only the status changes; spec, metadata and generation are kept from the
/// stored object (apiextensions-apiserver's status strategy). Creation is not possible through <c>/status</c>.
/// </summary>
public sealed class StatusStrategy(KindInfo kind) : KindStrategy(kind)
{
    /// <inheritdoc />
    public override void PrepareForCreate(JsonObject obj) =>
        throw new InvalidOperationException("the status subresource cannot create objects");

    /// <inheritdoc />
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        var status = obj["status"]?.DeepClone();
        var managedFields = obj["metadata"]?["managedFields"]?.DeepClone();
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            obj.Remove(key);
        }

        foreach (var (key, value) in old)
        {
            obj[key] = value?.DeepClone();
        }

        if (status is null)
        {
            obj.Remove("status");
        }
        else
        {
            obj["status"] = status;
        }

        // managedFields track the status writer too.
        if (managedFields is not null)
        {
            ObjectJson.Metadata(obj)["managedFields"] = managedFields;
        }
    }
}

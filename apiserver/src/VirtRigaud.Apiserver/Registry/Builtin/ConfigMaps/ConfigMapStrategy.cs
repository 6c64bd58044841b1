using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Apiserver.Registry.Builtin.Secrets;

namespace VirtRigaud.Apiserver.Registry.Builtin.ConfigMaps;

/// <summary>
/// core/v1 ConfigMap, as kube-apiserver's configmap strategy and validation (ValidateConfigMap, ValidateConfigMapUpdate):
/// <c>data</c> and <c>binaryData</c> keys follow the config key rule and may not appear in both; the values total at
/// most 1 MiB (strings by UTF-8 length, binary data decoded); once <c>immutable</c> is true, <c>data</c> and
/// <c>binaryData</c> cannot change and <c>immutable</c> cannot be unset.
/// </summary>
internal sealed class ConfigMapStrategy() : BuiltinStrategy(ConfigMapTypes.ConfigMap)
{
    private const string Immutable = "field is immutable when `immutable` is set";

    /// <inheritdoc />
    protected override FieldErrorList ValidateObject(JsonObject obj, ObjectMeta meta)
    {
        var errors = ValidateMeta(meta);
        var data = obj["data"] as JsonObject ?? [];
        var binary = obj["binaryData"] as JsonObject ?? [];
        long totalSize = 0;
        foreach (var key in Keys(obj, "data"))
        {
            var path = FieldPath.NewPath("data").Key(key);
            errors.AddRange(ConfigMapKeys.Validate(key).Select(m => FieldError.Invalid(path, key, m)));
            if (binary.ContainsKey(key))
            {
                errors.Add(FieldError.Invalid(path, key, "duplicate of key present in binaryData"));
            }

            totalSize += data[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Encoding.UTF8.GetByteCount(v.GetValue<string>()) : 0;
        }

        foreach (var key in Keys(obj, "binaryData"))
        {
            var path = FieldPath.NewPath("binaryData").Key(key);
            errors.AddRange(ConfigMapKeys.Validate(key).Select(m => FieldError.Invalid(path, key, m)));
            if (data.ContainsKey(key))
            {
                errors.Add(FieldError.Invalid(path, key, "duplicate of key present in data"));
            }

            totalSize += binary[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Convert.FromBase64String(v.GetValue<string>()).Length : 0;
        }

        if (totalSize > SecretStrategy.MaxSecretSize)
        {
            // The whole object is too big: kube-apiserver reports it at the empty path.
            errors.Add(FieldError.TooLong(FieldPath.NewPath(""), "", SecretStrategy.MaxSecretSize));
        }

        return errors;
    }

    /// <inheritdoc />
    protected override FieldErrorList ValidateObjectUpdate(JsonObject obj, ObjectMeta meta, JsonObject old, ObjectMeta oldMeta)
    {
        var errors = new FieldErrorList();
        if (IsTrue(old, "immutable"))
        {
            if (!IsTrue(obj, "immutable"))
            {
                errors.Add(FieldError.Forbidden(FieldPath.NewPath("immutable"), Immutable));
            }

            if (!JsonNode.DeepEquals(obj["data"], old["data"]))
            {
                errors.Add(FieldError.Forbidden(FieldPath.NewPath("data"), Immutable));
            }

            if (!JsonNode.DeepEquals(obj["binaryData"], old["binaryData"]))
            {
                errors.Add(FieldError.Forbidden(FieldPath.NewPath("binaryData"), Immutable));
            }
        }

        errors.AddRange(ValidateObject(obj, meta));
        return errors;
    }
}

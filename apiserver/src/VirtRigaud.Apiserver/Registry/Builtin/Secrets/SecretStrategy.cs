using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Registry.Builtin.Secrets;

/// <summary>
/// core/v1 Secret, as kube-apiserver's secret strategy and validation (pkg/apis/core/validation ValidateSecret,
/// ValidateSecretUpdate):
/// <list type="table">
/// <item><term>decode</term><description><c>data</c> values are base64 (else 400); <c>stringData</c> is merged into
/// <c>data</c> (winning over the same key) and never stored or returned; <c>type</c> defaults to <c>Opaque</c></description></item>
/// <item><term>keys</term><description>each <c>data</c> key matches <c>[-._a-zA-Z0-9]+</c>, is at most 253 characters
/// and is not <c>.</c>, <c>..</c> or <c>..*</c></description></item>
/// <item><term>size</term><description>the decoded values total at most 1 MiB</description></item>
/// <item><term>type</term><description>the well-known types require their keys (service-account-token its annotation,
/// dockercfg/dockerconfigjson well-formed JSON, basic-auth username or password, ssh-auth ssh-privatekey, tls tls.crt
/// and tls.key); immutable on update</description></item>
/// <item><term>immutable</term><description>once true: <c>data</c> cannot change and <c>immutable</c> cannot be unset</description></item>
/// </list>
/// Error values never show secret data: keys are shown, values are not (<c>&lt;secret contents redacted&gt;</c>).
/// </summary>
internal sealed class SecretStrategy() : BuiltinStrategy(SecretTypes.Secret)
{
    /// <summary>kube's MaxSecretSize (also the limit of a ConfigMap).</summary>
    public const int MaxSecretSize = 1024 * 1024;

    private const string Redacted = "<secret contents redacted>";
    private const string Immutable = "field is immutable when `immutable` is set";

    /// <inheritdoc />
    /// <remarks>MUTATES: merges <c>stringData</c> into <c>data</c> (v1 → internal conversion) and defaults <c>type</c> to Opaque.</remarks>
    protected override void AfterDecode(JsonObject obj)
    {
        if (obj["stringData"] is JsonObject stringData)
        {
            var data = obj["data"] as JsonObject ?? [];
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
            }

            obj.Remove("stringData");

            // Keep data where Go writes it (after immutable) and its keys sorted.
            var sorted = new JsonObject(data.ToList().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            var type = obj["type"]?.DeepClone();
            obj.Remove("data");
            obj.Remove("type");
            obj["data"] = sorted;
            if (type is not null)
            {
                obj["type"] = type;
            }
        }

        if (String(obj, "type").Length == 0)
        {
            obj["type"] = "Opaque";
        }
    }

    /// <inheritdoc />
    protected override FieldErrorList ValidateObject(JsonObject obj, ObjectMeta meta)
    {
        var errors = ValidateMeta(meta);
        var dataPath = FieldPath.NewPath("data");
        var data = obj["data"] as JsonObject ?? [];
        long totalSize = 0;
        foreach (var key in Keys(obj, "data"))
        {
            errors.AddRange(ConfigMapKeys.Validate(key).Select(m => FieldError.Invalid(dataPath.Key(key), key, m)));
            totalSize += Value(data, key).Length;
        }

        if (totalSize > MaxSecretSize)
        {
            errors.Add(FieldError.TooLong(dataPath, "", MaxSecretSize));
        }

        switch (String(obj, "type"))
        {
            case "kubernetes.io/service-account-token":
                if (meta.Annotations?.GetValueOrDefault("kubernetes.io/service-account.name") is not { Length: > 0 })
                {
                    errors.Add(FieldError.Required(FieldPath.NewPath("metadata", "annotations").Key("kubernetes.io/service-account.name")));
                }

                break;
            case "kubernetes.io/dockercfg":
                RequireJson(data, ".dockercfg", dataPath, errors);
                break;
            case "kubernetes.io/dockerconfigjson":
                RequireJson(data, ".dockerconfigjson", dataPath, errors);
                break;
            case "kubernetes.io/basic-auth":
                if (!data.ContainsKey("username") && !data.ContainsKey("password"))
                {
                    errors.Add(FieldError.Required(dataPath.Key("username")));
                    errors.Add(FieldError.Required(dataPath.Key("password")));
                }

                break;
            case "kubernetes.io/ssh-auth":
                if (Value(data, "ssh-privatekey").Length == 0)
                {
                    errors.Add(FieldError.Required(dataPath.Key("ssh-privatekey")));
                }

                break;
            case "kubernetes.io/tls":
                foreach (var key in (string[])["tls.crt", "tls.key"])
                {
                    if (!data.ContainsKey(key))
                    {
                        errors.Add(FieldError.Required(dataPath.Key(key)));
                    }
                }

                break;
            default:
                break;
        }

        return errors;
    }

    /// <inheritdoc />
    protected override FieldErrorList ValidateObjectUpdate(JsonObject obj, ObjectMeta meta, JsonObject old, ObjectMeta oldMeta)
    {
        var errors = new FieldErrorList();
        errors.AddRange(ObjectMetaValidation.ValidateImmutableField(String(obj, "type"), String(old, "type"), FieldPath.NewPath("type")));
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
        }

        errors.AddRange(ValidateObject(obj, meta));
        return errors;
    }

    /// <summary>The decoded bytes of a data value (canonical base64 after decoding), empty when absent.</summary>
    private static byte[] Value(JsonObject data, string key) =>
        data[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Convert.FromBase64String(v.GetValue<string>()) : [];

    private static void RequireJson(JsonObject data, string key, FieldPath dataPath, FieldErrorList errors)
    {
        if (!data.ContainsKey(key))
        {
            errors.Add(FieldError.Required(dataPath.Key(key)));
            return;
        }

        try
        {
            if (JsonNode.Parse(Value(data, key)) is not JsonObject)
            {
                errors.Add(FieldError.Invalid(dataPath.Key(key), Redacted, "json: cannot unmarshal into Go value of type map[string]interface {}"));
            }
        }
        catch (JsonException)
        {
            // Go's message would quote the offending character, which is secret content: say only what is wrong.
            errors.Add(FieldError.Invalid(dataPath.Key(key), Redacted, "invalid JSON"));
        }
    }
}

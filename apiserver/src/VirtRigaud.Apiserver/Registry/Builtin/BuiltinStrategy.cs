using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// The strategy of a built-in resource, as kube-apiserver's: the body is decoded into the Go type and encoded again
/// (<see cref="GoJson"/>: wrong types are a 400, unknown fields are dropped and reported for <c>fieldValidation</c>,
/// the object takes its canonical form), the type's conversion and defaults run (<see cref="AfterDecode"/>), and
/// validation is the type's own rules (<see cref="ValidateObject"/>, <see cref="ValidateObjectUpdate"/>), which
/// include the metadata rules as kube-apiserver's ValidateX functions do. Built-in resources have no generation and,
/// here, no status subresource. Stateless and thread-safe.
/// </summary>
internal abstract class BuiltinStrategy(GoStructType type) : IResourceStrategy
{
    /// <summary>The Go type of the resource's objects.</summary>
    public GoStructType Type { get; } = type;

    private GroupVersionKind Gvk => Type.Kind!.Value;

    /// <summary>
    /// MUTATES: replaces the object by its decoded and re-encoded form, then runs <see cref="AfterDecode"/>. A body Go's
    /// decoder would refuse is a 400 <c>{Kind} in version "{version}" cannot be handled as a {Kind}: …</c>.
    /// </summary>
    public void Default(JsonObject obj, ICollection<string> unknownFields, ICollection<string> warnings)
    {
        JsonObject canonical;
        try
        {
            CheckMetadata(obj);
            canonical = GoJson.RoundTrip(obj, Type, unknownFields);
        }
        catch (GoDecodeException e)
        {
            throw StatusException.BadRequest($"{Gvk.Kind} in version {FieldError.Quote(Gvk.Version)} cannot be handled as a {Gvk.Kind}: {e.Message}");
        }

        AfterDecode(canonical);
        var properties = canonical.ToList();
        canonical.Clear();
        obj.Clear();
        foreach (var (key, value) in properties)
        {
            obj[key] = value;
        }
    }

    /// <inheritdoc />
    public virtual void PrepareForCreate(JsonObject obj)
    {
    }

    /// <inheritdoc />
    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
    }

    /// <inheritdoc />
    public FieldErrorList Validate(JsonObject obj, ICollection<string> warnings) => ValidateObject(obj, ReadMeta(obj));

    /// <inheritdoc />
    /// <remarks>
    /// The metadata update rules every resource gets (rest.BeforeUpdate's common fields), then the type's update rules;
    /// an error both report is listed once, as kube-apiserver's message lists it.
    /// </remarks>
    public FieldErrorList ValidateUpdate(JsonObject obj, JsonObject old, ICollection<string> warnings)
    {
        var meta = ReadMeta(obj);
        var oldMeta = ReadMeta(old);
        var errors = new FieldErrorList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in ObjectMetaValidation.ValidateObjectMetaUpdate(meta, oldMeta, FieldPath.NewPath("metadata")).Concat(ValidateObjectUpdate(obj, meta, old, oldMeta)))
        {
            if (seen.Add(error.ToString()))
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    /// <inheritdoc />
    public virtual void Canonicalize(JsonObject obj)
    {
    }

    /// <summary>MUTATES <paramref name="obj"/> (canonical form): what conversion and defaulting do after decoding (SetDefaults_X).</summary>
    protected virtual void AfterDecode(JsonObject obj)
    {
    }

    /// <summary>Does not mutate. Every problem of a new object (kube-apiserver's ValidateX), metadata included.</summary>
    protected abstract FieldErrorList ValidateObject(JsonObject obj, ObjectMeta meta);

    /// <summary>Does not mutate. Every problem of an update (kube-apiserver's ValidateXUpdate) beyond the metadata update rules.</summary>
    protected abstract FieldErrorList ValidateObjectUpdate(JsonObject obj, ObjectMeta meta, JsonObject old, ObjectMeta oldMeta);

    /// <summary>The metadata rules of a namespaced object whose name must be a DNS subdomain (ValidateObjectMeta).</summary>
    protected static FieldErrorList ValidateMeta(ObjectMeta meta, Func<string, bool, IEnumerable<string>>? nameValidator = null) =>
        ObjectMetaValidation.ValidateObjectMeta(meta, namespaced: true, nameValidator ?? NameValidation.NameIsDnsSubdomain, FieldPath.NewPath("metadata"));

    /// <summary>A string field of the object (the canonical form holds strings or nothing).</summary>
    protected static string String(JsonObject obj, string field) =>
        obj[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    /// <summary>Whether a boolean field of the object is true.</summary>
    protected static bool IsTrue(JsonObject obj, string field) => obj[field] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    /// <summary>The keys of a map field, sorted (Go iterates maps in random order; errors come out sorted here).</summary>
    protected static IReadOnlyList<string> Keys(JsonObject obj, string field) =>
        obj[field] is JsonObject map ? map.Select(p => p.Key).Order(StringComparer.Ordinal).ToList() : [];

    private static ObjectMeta ReadMeta(JsonObject obj) =>
        obj["metadata"]?.Deserialize(MachineryJsonContext.Default.ObjectMeta) ?? new ObjectMeta();

    /// <summary>The metadata must decode as ObjectMeta (a label that is a number is a decode error, as in Go).</summary>
    private static void CheckMetadata(JsonObject obj)
    {
        try
        {
            _ = ReadMeta(obj);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "" : e.Path.TrimStart('$');
            throw new GoDecodeException($"json: cannot unmarshal metadata{path}: the value has the wrong type for Go struct field ObjectMeta.metadata{path}");
        }
    }
}

namespace VirtRigaud.Api.Machinery.Schema;

// The attributes below describe a C# API type in OpenAPI v3 terms. The schema generator reads them (together with the
// source-generated JSON metadata: names, CLR types, the C# `required` modifier) and emits a structural schema; the
// structural validator and defaulter then enforce that schema on JSON before it becomes a typed object. Each attribute
// maps to exactly one OpenAPI keyword, so a reader can compare a property with its CRD counterpart line by line.

/// <summary><c>minimum</c>: the smallest allowed integer value (inclusive).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}

/// <summary><c>maximum</c>: the largest allowed integer value (inclusive).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}

/// <summary><c>minLength</c> for strings.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinLengthAttribute(int value) : Attribute
{
    public int Value { get; } = value;
}

/// <summary><c>maxLength</c> for strings.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxLengthAttribute(int value) : Attribute
{
    public int Value { get; } = value;
}

/// <summary><c>minItems</c> for lists.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinItemsAttribute(int value) : Attribute
{
    public int Value { get; } = value;
}

/// <summary><c>maxItems</c> for lists.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxItemsAttribute(int value) : Attribute
{
    public int Value { get; } = value;
}

/// <summary><c>maxProperties</c> for maps.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxPropertiesAttribute(int value) : Attribute
{
    public int Value { get; } = value;
}

/// <summary><c>pattern</c>: an ECMA-262 regular expression the whole string value must match (anchors are explicit).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string value) : Attribute
{
    public string Value { get; } = value;
}

/// <summary><c>enum</c> for a string property that is not modelled as a C# enum.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}

/// <summary>
/// <c>default</c>: the value the API server sets when the property is absent from its parent object. The value's CLR
/// type decides its JSON type (<c>string</c>, <c>bool</c>, <c>int</c>/<c>long</c>); a default for an
/// <c>int-or-string</c> or Quantity property is given as its string form.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(object value) : Attribute
{
    public object Value { get; } = value;
}

/// <summary>
/// <c>format</c>, when the CLR type does not imply it (int → int32, long → int64, DateTimeOffset → date-time). An empty
/// value removes the implied format: a Go <c>int</c> is 64-bit but its schema carries no format.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormatAttribute(string value) : Attribute
{
    public string Value { get; } = value;
}

/// <summary><c>x-kubernetes-list-type</c>: <c>atomic</c>, <c>set</c> or <c>map</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListTypeAttribute(string value) : Attribute
{
    public string Value { get; } = value;
}

/// <summary><c>x-kubernetes-list-map-keys</c> for a list whose <see cref="ListTypeAttribute"/> is <c>map</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}

/// <summary><c>x-kubernetes-map-type</c> (<c>atomic</c> or <c>granular</c>), on a property or on a type.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class MapTypeAttribute(string value) : Attribute
{
    public string Value { get; } = value;
}

/// <summary><c>x-kubernetes-preserve-unknown-fields: true</c>: the value is kept as given, never pruned.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;

/// <summary>
/// The property is an embedded <c>ObjectMeta</c> whose schema upstream declared as a bare <c>type: object</c>.
/// Our schema lists the fields an embedded object may carry (name, namespace, labels, annotations, finalizers).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmbeddedObjectMetaAttribute : Attribute;

/// <summary><c>nullable: true</c>: JSON <c>null</c> is a value, not an absence.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NullableValueAttribute : Attribute;

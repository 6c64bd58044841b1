using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Validation;

/// <summary>
/// <see cref="FieldError"/> messages as k8s.io/apimachinery's <c>field.Error</c> prints them since Kubernetes 1.33
/// (<c>Error()</c> and <c>ErrorBody()</c>): simple values with <c>%v</c>/<c>%q</c>, everything else as its JSON.
/// </summary>
public sealed class FieldErrorTests
{
    private static FieldPath P(string name, params string[] more) => FieldPath.NewPath(name, more);

    public static TheoryData<FieldError, string> Errors => new()
    {
        { FieldError.Required(P("spec", "name")), "spec.name: Required value" },
        { FieldError.Required(P("spec", "name"), "must be set when type is \"static\""), "spec.name: Required value: must be set when type is \"static\"" },
        { new FieldError(FieldErrorType.Required, "spec.name", "ignored", ""), "spec.name: Required value" },
        { FieldError.Invalid(P("spec", "cpu"), 0, "must be greater than or equal to 1"), "spec.cpu: Invalid value: 0: must be greater than or equal to 1" },
        { FieldError.Invalid(P("metadata", "name"), "Web", "must be lower case"), "metadata.name: Invalid value: \"Web\": must be lower case" },
        { FieldError.Invalid(P("spec", "x"), null, "must be set"), "spec.x: Invalid value: null: must be set" },
        { FieldError.Invalid(P("spec", "x"), "x", ""), "spec.x: Invalid value: \"x\"" },
        { FieldError.Invalid(P("spec", "password"), "hunter2", "must be at least 8 characters") with { OmitValue = true }, "spec.password: Invalid value: must be at least 8 characters" },
        { FieldError.NotFound(P("spec", "classRef", "name"), "small"), "spec.classRef.name: Not found: \"small\"" },
        { FieldError.Duplicate(P("spec", "disks").Index(1).Child("name"), "data"), "spec.disks[1].name: Duplicate value: \"data\"" },
        { FieldError.Forbidden(P("spec", "imageRef"), "may not be set together with spec.importedDisk"), "spec.imageRef: Forbidden: may not be set together with spec.importedDisk" },
        { new FieldError(FieldErrorType.Forbidden, "spec.x", "secret", "nope"), "spec.x: Forbidden: nope" },
        { FieldError.NotSupported(P("spec", "powerState"), "Sideways", ["On", "Off"]), "spec.powerState: Unsupported value: \"Sideways\": supported values: \"On\", \"Off\"" },
        { FieldError.NotSupported(P("spec", "x"), "y", []), "spec.x: Unsupported value: \"y\"" },
        { FieldError.NotSupported(P("spec", "x"), 3, ["a\"b"]), "spec.x: Unsupported value: 3: supported values: \"a\\\"b\"" },
        { FieldError.TooLong(P("metadata", "name"), new string('x', 64), 63), "metadata.name: Too long: may not be more than 63 bytes" },
        { FieldError.TooLong(P("spec", "c"), "xy", 1), "spec.c: Too long: may not be more than 1 byte" },
        { FieldError.TooLong(P("spec", "c"), "xy", -1), "spec.c: Too long: value is too long" },
        { FieldError.TooMany(P("spec", "disks"), 3, 2), "spec.disks: Too many: 3: must have at most 2 items" },
        { FieldError.TooMany(P("spec", "disks"), 2, 1), "spec.disks: Too many: 2: must have at most 1 item" },
        { FieldError.TooMany(P("spec", "disks"), -1, 2), "spec.disks: Too many: must have at most 2 items" },
        { FieldError.TooMany(P("spec", "disks"), 5, -1), "spec.disks: Too many: 5: too many items" },
        { FieldError.InternalError(P("spec"), "boom"), "spec: Internal error: boom" },
        { new FieldError(FieldErrorType.InternalError, "spec", "value", "boom"), "spec: Internal error: boom" },
        { FieldError.TypeInvalid(P("spec", "cpu"), "two", "must be of type integer"), "spec.cpu: Invalid value: \"two\": must be of type integer" },
        { FieldError.Invalid(P("spec", "disks").Index(0).Child("sizeGiB"), 1.5, "must be an integer"), "spec.disks[0].sizeGiB: Invalid value: 1.5: must be an integer" },
        { FieldError.Required(P("")), "Required value" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void ToString_Error_PrintsFieldAndBody(FieldError error, string expected)
    {
        Assert.Equal(expected, error.ToString());
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void ErrorBody_Error_IsTheMessageWithoutTheField(FieldError error, string expected)
    {
        var prefix = error.Field.Length == 0 ? "" : error.Field + ": ";

        Assert.StartsWith(prefix, expected, StringComparison.Ordinal);
        Assert.Equal(expected[prefix.Length..], error.ErrorBody());
    }

    [Fact]
    public void Factories_Fields_KeepPathTypeAndValue()
    {
        var path = P("spec", "disks").Index(1).Child("name");

        var error = FieldError.Duplicate(path, "data");
        var tooMany = FieldError.TooMany(path, -1, 2);

        Assert.Equal((FieldErrorType.Duplicate, "spec.disks[1].name", (object?)"data", ""), (error.Type, error.Field, error.BadValue, error.Detail));
        Assert.False(error.OmitValue);
        Assert.True(tooMany.OmitValue);
    }

    public static TheoryData<object?, string> Values => new()
    {
        // %q
        { "web", "\"web\"" },
        { "", "\"\"" },
        { "a\"b", "\"a\\\"b\"" },
        { "line1\nline2", "\"line1\\nline2\"" },
        { "tab\there\r", "\"tab\\there\\r\"" },
        { "back\\slash", "\"back\\\\slash\"" },
        { "\u0001\u007f", "\"\\x01\\x7f\"" },
        { "\u0007\b\f\v", "\"\\a\\b\\f\\v\"" },
        { "ünïcødé ✓ 😀 <&>", "\"ünïcødé ✓ 😀 <&>\"" },
        { "\u00a0\u200b", "\"\\u00a0\\u200b\"" },

        // %v
        { 0, "0" },
        { 42, "42" },
        { -1, "-1" },
        { 3000000000L, "3000000000" },
        { (short)7, "7" },
        { true, "true" },
        { false, "false" },
        { 1.5, "1.5" },
        { -2.5, "-2.5" },
        { 100.0, "100" },
        { 0.0, "0" },
        { 123456.0, "123456" },
        { 1e6, "1e+06" },
        { 1234567.0, "1.234567e+06" },
        { 1e21, "1e+21" },
        { 1e100, "1e+100" },
        { 0.0001, "0.0001" },
        { 0.00001, "1e-05" },
        { 1.25e-7, "1.25e-07" },
        { 0.1 + 0.2, "0.30000000000000004" },
        { double.NaN, "NaN" },
        { double.PositiveInfinity, "+Inf" },
        { double.NegativeInfinity, "-Inf" },
        { 0.1f, "0.1" },
        { 2.25m, "2.25" },

        // json.Marshal
        { null, "null" },
        { ConditionStatus.True, "\"True\"" },
        { new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), "\"2025-03-01T10:00:00Z\"" },
        { new DateTimeOffset(2025, 3, 1, 11, 0, 0, 500, TimeSpan.FromHours(1)), "\"2025-03-01T10:00:00Z\"" },
        { default(DateTimeOffset), "null" },
        { new[] { "a", "b\"<c>" }, "[\"a\",\"b\\\"\\u003cc\\u003e\"]" },
        { new List<string>(), "[]" },
        { new Dictionary<string, string> { ["z"] = "1", ["a"] = "x&y" }, "{\"a\":\"x\\u0026y\",\"z\":\"1\"}" },

        // JSON values as Go decodes them
        { JsonNode.Parse("\"x<y\""), "\"x<y\"" },
        { JsonNode.Parse("3"), "3" },
        { JsonNode.Parse("2.50"), "2.5" },
        { JsonNode.Parse("1e2"), "100" },
        { JsonNode.Parse("1e7"), "1e+07" },
        { JsonNode.Parse("true"), "true" },
        { JsonNode.Parse("{ \"b\": \"é<\", \"a\": 1 }"), "{\"a\":1,\"b\":\"é\\u003c\"}" },
        { JsonNode.Parse("""{"n":[1e-7, 1e21, 1.5, 100, 2.50, 1e6, -0.5], "s":"\u0001\b\u2028"}"""), """{"n":[1e-7,1e+21,1.5,100,2.5,1000000,-0.5],"s":"\u0001\b\u2028"}""" },
        { JsonNode.Parse("[1, \"x\", null, {\"k\": false}]"), "[1,\"x\",null,{\"k\":false}]" },
        { JsonValue.Create(7), "7" },
        { Element("\"x\""), "\"x\"" },
        { Element("-4"), "-4" },
        { Element("0.000001"), "1e-06" },
        { Element("null"), "null" },
        { Element("false"), "false" },
        { Element("{ \"b\" : [ 1 , 2 ], \"a\": {} }"), "{\"a\":{},\"b\":[1,2]}" },

        // Go syntax the caller chose
        { GoSyntaxValue.StringSlice(["a", "b"]), "[]string{\"a\", \"b\"}" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void FormatValue_Value_PrintsAsGoFieldErrors(object? value, string expected)
    {
        Assert.Equal(expected, FieldError.FormatValue(value));
    }

    [Theory]
    [InlineData(FieldErrorType.NotFound, "FieldValueNotFound", "Not found")]
    [InlineData(FieldErrorType.Required, "FieldValueRequired", "Required value")]
    [InlineData(FieldErrorType.Duplicate, "FieldValueDuplicate", "Duplicate value")]
    [InlineData(FieldErrorType.Invalid, "FieldValueInvalid", "Invalid value")]
    [InlineData(FieldErrorType.NotSupported, "FieldValueNotSupported", "Unsupported value")]
    [InlineData(FieldErrorType.Forbidden, "FieldValueForbidden", "Forbidden")]
    [InlineData(FieldErrorType.TooLong, "FieldValueTooLong", "Too long")]
    [InlineData(FieldErrorType.TooMany, "FieldValueTooMany", "Too many")]
    [InlineData(FieldErrorType.InternalError, "InternalError", "Internal error")]
    [InlineData(FieldErrorType.TypeInvalid, "FieldValueTypeInvalid", "Invalid value")]
    public void CauseTypeAndDescribe_Type_AreKubernetesStrings(FieldErrorType type, string cause, string description)
    {
        Assert.Equal((cause, description), (type.CauseType(), type.Describe()));
    }

    [Fact]
    public void CauseType_UndefinedType_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((FieldErrorType)99).CauseType());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((FieldErrorType)99).Describe());
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

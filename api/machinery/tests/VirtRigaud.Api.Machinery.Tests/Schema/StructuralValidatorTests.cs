using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Schema;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Schema;

public sealed class StructuralValidatorTests
{
    private static readonly OpenApiSchema RootSchema = new SchemaGenerator(SampleJsonContext.Default.Options).GenerateRoot(typeof(Widget));

    private static FieldErrorList Validate(string json)
    {
        var errors = new FieldErrorList();
        StructuralValidator.Validate(JsonNode.Parse(json), RootSchema, null, errors);
        return errors;
    }

    [Fact]
    public void Validate_ValidObject_NoErrors()
    {
        var errors = Validate("""
            {"apiVersion":"example.io/v1","kind":"Widget","metadata":{"name":"w"},
             "spec":{"size":3,"color":"dark-blue","shade":"dark","name":"abc","verify":false,"memory":"4Gi","surge":1,
                     "timeout":"1h30m","since":"2025-03-01T10:00:00Z","tags":["a","b"],"extra":{"k":"v"},
                     "parts":[{"name":"a"},{"name":"b"}],"template":{"labels":{"app":"x"}},"raw":{"x":1}}}
            """);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("""{"spec":{}}""", "spec.size: Required value")]
    [InlineData("""{}""", "spec: Required value")]
    [InlineData("""{"spec":{"size":0}}""", "spec.size: Invalid value: 0: must be greater than or equal to 1")]
    [InlineData("""{"spec":{"size":11}}""", "spec.size: Invalid value: 11: must be less than or equal to 10")]
    [InlineData("""{"spec":{"size":"two"}}""", "spec.size: Invalid value: \"two\": must be of type integer")]
    [InlineData("""{"spec":{"size":1.5}}""", "spec.size: Invalid value: 1.5: must be of type integer")]
    [InlineData("""{"spec":{"size":3000000000}}""", "spec.size: Invalid value: 3000000000: must fit in a 32-bit integer")]
    [InlineData("""{"spec":{"size":1,"color":"green"}}""", "spec.color: Unsupported value: \"green\": supported values: \"red\", \"dark-blue\"")]
    [InlineData("""{"spec":{"size":1,"name":"toolong"}}""", "spec.name: Too long: may not be more than 5 bytes")]
    [InlineData("""{"spec":{"size":1,"name":"AB"}}""", "spec.name: Invalid value: \"AB\": must match the regular expression '^[a-z]+$'")]
    [InlineData("""{"spec":{"size":1,"verify":"yes"}}""", "spec.verify: Invalid value: \"yes\": must be of type boolean")]
    [InlineData("""{"spec":{"size":1,"memory":"4 GB"}}""", "spec.memory: Invalid value: \"4 GB\": must be a quantity")]
    [InlineData("""{"spec":{"size":1,"surge":true}}""", "spec.surge: Invalid value: true: must be an integer or a string")]
    [InlineData("""{"spec":{"size":1,"timeout":"1d"}}""", "spec.timeout: Invalid value: \"1d\": must be a duration")]
    [InlineData("""{"spec":{"size":1,"since":"yesterday"}}""", "spec.since: Invalid value: \"yesterday\": must be an RFC 3339 date-time")]
    [InlineData("""{"spec":{"size":1,"tags":["a","b","c"]}}""", "spec.tags: Too many: 3: must have at most 2 items")]
    [InlineData("""{"spec":{"size":1,"tags":["a","a"]}}""", "spec.tags[1]: Duplicate value: \"a\"")]
    [InlineData("""{"spec":{"size":1,"extra":{"a":"1","b":"2"}}}""", "spec.extra: Too many: 2: must have at most 1 item")]
    [InlineData("""{"spec":{"size":1,"extra":{"a":1}}}""", "spec.extra[a]: Invalid value: 1: must be of type string")]
    [InlineData("""{"spec":{"size":1,"parts":[{"name":"a"},{"name":"a"}]}}""", "spec.parts[1]: Duplicate value: \"a\"")]
    [InlineData("""{"spec":{"size":1,"parts":[{}]}}""", "spec.parts[0].name: Required value")]
    [InlineData("""{"spec":{"size":1,"template":{"labels":"x"}}}""", "spec.template.labels: Invalid value: \"x\": must be of type object")]
    public void Validate_InvalidValue_ReportsKubernetesStyleError(string json, string expectedPrefix)
    {
        var errors = Validate(json);
        Assert.Contains(errors, e => e.ToString().StartsWith(expectedPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SeveralProblems_AllReportedAtOnce()
    {
        var errors = Validate("""{"spec":{"size":0,"color":"green","name":"TOOLONG","tags":["a","b","c"]}}""");
        Assert.Equal(
            ["spec.size", "spec.color", "spec.name", "spec.name", "spec.tags"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_ErrorTypes_MapToStatusCauses()
    {
        var errors = Validate("""{"spec":{"color":"green","tags":["a","b","c"],"size":"x"}}""");
        Assert.Equal(
            ["FieldValueTypeInvalid", "FieldValueNotSupported", "FieldValueTooMany"],
            errors.Select(e => e.Type.CauseType()));
    }
}

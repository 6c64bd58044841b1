using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How a <see cref="VMSelectorRequirement"/> relates a label key to its values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VMSelectorOperator>))]
public enum VMSelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

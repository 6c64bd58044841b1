using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How a <see cref="VMToleration"/> matches a taint's value.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VMTolerationOperator>))]
public enum VMTolerationOperator
{
    /// <summary>Any value (the toleration has no value).</summary>
    Exists,

    Equal,
}

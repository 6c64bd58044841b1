using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Mock.Faults;

/// <summary>
/// How one RPC misbehaves. Evaluated per call in this order: <see cref="LatencyMs"/> (always added), then
/// <see cref="FailAlways"/>, then <see cref="FailTimes"/> (the next N calls fail), then <see cref="ErrorRate"/>
/// (a seeded, per-RPC pseudo-random draw). A failing call ends with <see cref="Code"/> and <see cref="Message"/>
/// before the provider does anything. Immutable.
/// </summary>
public sealed record RpcFaultRule
{
    /// <summary>Probability in [0, 1] that a call fails.</summary>
    [JsonPropertyName("errorRate")]
    public double ErrorRate { get; init; }

    /// <summary>The code when <see cref="Code"/> is not given.</summary>
    public const string DefaultCode = "UNAVAILABLE";

    /// <summary>gRPC status code, by name (<c>UNAVAILABLE</c>, <c>Unavailable</c>) or number; <c>null</c> ⇒ <see cref="DefaultCode"/>.</summary>
    /// <remarks>Nullable rather than defaulted: source-generated JSON sets an absent init-only member to its type's default, not to the initializer's value.</remarks>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    /// <summary><see cref="Code"/> or its default.</summary>
    [JsonIgnore]
    public string EffectiveCode => Code ?? DefaultCode;

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Delay added before the call is handled, in milliseconds.</summary>
    [JsonPropertyName("latencyMs")]
    public int LatencyMs { get; init; }

    /// <summary>Fail the next N calls (counted from when the configuration was applied).</summary>
    [JsonPropertyName("failTimes")]
    public int FailTimes { get; init; }

    [JsonPropertyName("failAlways")]
    public bool FailAlways { get; init; }
}

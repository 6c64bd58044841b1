using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Mock.Faults;

/// <summary>
/// How the tasks of one operation fail: the RPC succeeds and returns a task (even when tasks are otherwise
/// synchronous), the operation's effect is NOT applied, and the task ends with <see cref="Message"/> as its error.
/// Evaluated like <see cref="RpcFaultRule"/>: FailAlways, then FailTimes, then FailRate. Immutable.
/// </summary>
public sealed record TaskFaultRule
{
    [JsonPropertyName("failRate")]
    public double FailRate { get; init; }

    [JsonPropertyName("failTimes")]
    public int FailTimes { get; init; }

    [JsonPropertyName("failAlways")]
    public bool FailAlways { get; init; }

    /// <summary>The task error when <see cref="Message"/> is not given.</summary>
    public const string DefaultMessage = "injected task failure";

    /// <summary>The task's error; <c>null</c> ⇒ <see cref="DefaultMessage"/> (nullable for the reason given on <see cref="RpcFaultRule.Code"/>).</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary><see cref="Message"/> or its default.</summary>
    [JsonIgnore]
    public string EffectiveMessage => Message ?? DefaultMessage;
}

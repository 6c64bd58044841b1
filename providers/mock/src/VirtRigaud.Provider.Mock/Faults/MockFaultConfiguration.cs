using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Mock.Hypervisor;

namespace VirtRigaud.Provider.Mock.Faults;

/// <summary>
/// The failure-injection document (the <c>--faults-file</c> JSON, the <c>--faults</c> flag, or
/// <see cref="FaultInjector.Configure"/> in process):
/// <code>
/// {
///   "seed": 7,                       // PRNG seed of errorRate/failRate draws (per RPC, so RPCs do not disturb each other)
///   "down": false,                   // true: every RPC answers UNAVAILABLE, Validate answers ok=false
///   "rpcs": {                        // by RPC name; "*" applies to RPCs without their own entry
///     "Create":   { "errorRate": 0.3, "code": "UNAVAILABLE" },
///     "Describe": { "failTimes": 2, "code": "INTERNAL", "message": "boom" },
///     "*":        { "latencyMs": 50 }
///   },
///   "tasks": {                       // by operation name; "*" for the rest
///     "Power": { "failTimes": 1, "message": "host lost power" }
///   }
/// }
/// </code>
/// Unknown keys are errors (a typo must not silently disable a fault). Immutable.
/// </summary>
public sealed record MockFaultConfiguration
{
    /// <summary>The key that applies to every RPC or operation without an entry of its own.</summary>
    public const string Wildcard = "*";

    private const int MaxLatencyMs = 600_000;

    /// <summary>No faults.</summary>
    public static readonly MockFaultConfiguration None = new();

    /// <summary>Seed of the errorRate/failRate draws (default 0).</summary>
    [JsonPropertyName("seed")]
    public long Seed { get; init; }

    [JsonPropertyName("down")]
    public bool Down { get; init; }

    [JsonPropertyName("rpcs")]
    public IReadOnlyDictionary<string, RpcFaultRule>? Rpcs { get; init; }

    [JsonPropertyName("tasks")]
    public IReadOnlyDictionary<string, TaskFaultRule>? Tasks { get; init; }

    /// <summary>Parses and validates a document.</summary>
    /// <exception cref="FormatException">Not valid JSON of this shape, or <see cref="Validate"/> found problems.</exception>
    public static MockFaultConfiguration Parse(string json)
    {
        MockFaultConfiguration? configuration;
        try
        {
            configuration = JsonSerializer.Deserialize(json, FaultJsonContext.Default.MockFaultConfiguration);
        }
        catch (JsonException e)
        {
            throw new FormatException($"invalid fault configuration: {e.Message}", e);
        }

        if (configuration is null)
        {
            throw new FormatException("invalid fault configuration: the document is null");
        }

        var errors = configuration.Validate();
        return errors.Count == 0
            ? configuration
            : throw new FormatException($"invalid fault configuration: {string.Join("; ", errors)}");
    }

    /// <summary>The document as JSON. Pure.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, FaultJsonContext.Default.MockFaultConfiguration);

    /// <summary>Every problem (empty when valid). Pure.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (rpc, rule) in Rpcs ?? new Dictionary<string, RpcFaultRule>())
        {
            if (rpc != Wildcard && !RpcNames.Contains(rpc))
            {
                errors.Add($"rpcs: unknown RPC \"{rpc}\"");
            }

            if (rule is null)
            {
                errors.Add($"rpcs.{rpc}: null rule");
                continue;
            }

            if (rule.ErrorRate is < 0 or > 1 || double.IsNaN(rule.ErrorRate))
            {
                errors.Add($"rpcs.{rpc}.errorRate must be within [0, 1]");
            }

            if (rule.LatencyMs is < 0 or > MaxLatencyMs)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"rpcs.{rpc}.latencyMs must be within [0, {MaxLatencyMs}]"));
            }

            if (rule.FailTimes < 0)
            {
                errors.Add($"rpcs.{rpc}.failTimes cannot be negative");
            }

            if (!TryParseCode(rule.EffectiveCode, out _))
            {
                errors.Add($"rpcs.{rpc}.code \"{rule.Code}\" is not a non-OK gRPC status code");
            }
        }

        foreach (var (operation, rule) in Tasks ?? new Dictionary<string, TaskFaultRule>())
        {
            if (operation != Wildcard && !MockOperations.All.Contains(operation))
            {
                errors.Add($"tasks: unknown operation \"{operation}\" (known: {string.Join(", ", MockOperations.All.Order(StringComparer.Ordinal))})");
            }

            if (rule is null)
            {
                errors.Add($"tasks.{operation}: null rule");
                continue;
            }

            if (rule.FailRate is < 0 or > 1 || double.IsNaN(rule.FailRate))
            {
                errors.Add($"tasks.{operation}.failRate must be within [0, 1]");
            }

            if (rule.FailTimes < 0)
            {
                errors.Add($"tasks.{operation}.failTimes cannot be negative");
            }

            if (rule.Message is not null && string.IsNullOrWhiteSpace(rule.Message))
            {
                errors.Add($"tasks.{operation}.message cannot be empty");
            }
        }

        return errors;
    }

    /// <summary>The short names of the provider.v1 RPCs (Validate, Create, …, WatchTask, ConsoleStream).</summary>
    public static readonly IReadOnlySet<string> RpcNames =
        ProviderMethods.Service.Methods.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Parses a status code by canonical name (<c>FAILED_PRECONDITION</c>), enum name (<c>FailedPrecondition</c>) or number; OK is refused. Pure.</summary>
    public static bool TryParseCode(string? text, out StatusCode code)
    {
        code = StatusCode.Unknown;
        var normalized = (text ?? "").Replace("_", "", StringComparison.Ordinal).Trim();
        if (int.TryParse(normalized, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number is > 0 and <= 16)
            {
                code = (StatusCode)number;
                return true;
            }

            return false;
        }

        foreach (var candidate in Enum.GetValues<StatusCode>())
        {
            if (candidate != StatusCode.OK && string.Equals(candidate.ToString(), normalized, StringComparison.OrdinalIgnoreCase))
            {
                code = candidate;
                return true;
            }
        }

        return false;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.Adoption;

/// <summary>
/// The <c>virtrigaud.io/adopt-filter</c> annotation: which unmanaged provider VMs are adopted. Every field is optional;
/// a zero or absent bound is no bound. Unknown members are errors (a misspelt <c>minCpu</c> would otherwise adopt
/// everything silently). Immutable; <see cref="Matches"/> is thread-safe.
/// <code>
/// {"namePattern": "^web-", "powerState": "On", "minCPU": 2, "maxCPU": 8, "minMemoryMiB": 2048, "maxMemoryMiB": 16384}
/// </code>
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AdoptionFilter
{
    /// <summary>How long one name match may run.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private Regex? _name;

    /// <summary>A Go (RE2) regular expression searched in the provider VM's name (unanchored, as Go's MatchString).</summary>
    [JsonPropertyName("namePattern")]
    public string? NamePattern { get; init; }

    /// <summary>The reported power state, compared case-insensitively (<c>On</c>, <c>Off</c>).</summary>
    [JsonPropertyName("powerState")]
    public string? PowerState { get; init; }

    [JsonPropertyName("minCPU")]
    public int MinCpu { get; init; }

    [JsonPropertyName("maxCPU")]
    public int MaxCpu { get; init; }

    [JsonPropertyName("minMemoryMiB")]
    public long MinMemoryMiB { get; init; }

    [JsonPropertyName("maxMemoryMiB")]
    public long MaxMemoryMiB { get; init; }

    /// <summary>Parses the annotation; null or blank text is "no filter" (everything matches).</summary>
    /// <exception cref="FormatException">The JSON or the pattern is invalid; the message says where.</exception>
    public static AdoptionFilter Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new AdoptionFilter();
        }

        AdoptionFilter filter;
        try
        {
            filter = JsonSerializer.Deserialize(json, AdoptionJsonContext.Default.AdoptionFilter) ?? new AdoptionFilter();
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a valid filter object: {e.Message}", e);
        }

        if (!string.IsNullOrEmpty(filter.NamePattern))
        {
            try
            {
                // RE2's (?P<name>…) is (?<name>…) in .NET; the rest of RE2's syntax is a subset of .NET's.
                filter._name = new Regex(filter.NamePattern.Replace("(?P<", "(?<", StringComparison.Ordinal), RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"namePattern \"{filter.NamePattern}\" is not a valid regular expression: {e.Message}", e);
            }
        }

        return filter;
    }

    /// <summary>Whether <paramref name="vm"/> passes every bound of the filter. A name match that times out does not match.</summary>
    public bool Matches(VMInfo vm)
    {
        if (_name is not null)
        {
            try
            {
                if (!_name.IsMatch(vm.Name))
                {
                    return false;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        return (string.IsNullOrEmpty(PowerState) || string.Equals(PowerState, vm.PowerState, StringComparison.OrdinalIgnoreCase))
            && (MinCpu <= 0 || vm.Cpu >= MinCpu)
            && (MaxCpu <= 0 || vm.Cpu <= MaxCpu)
            && (MinMemoryMiB <= 0 || vm.MemoryMib >= MinMemoryMiB)
            && (MaxMemoryMiB <= 0 || vm.MemoryMib <= MaxMemoryMiB);
    }
}

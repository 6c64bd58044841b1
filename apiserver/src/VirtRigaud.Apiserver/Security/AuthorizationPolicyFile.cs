using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Apiserver.Security;

/// <summary>
/// Reads the static authorization policy file (<c>--authorization-policy-file</c>), YAML or JSON:
/// <code>
/// apiVersion: apiserver.virtrigaud.io/v1   # optional
/// kind: AuthorizationPolicy                # optional
/// rules:
/// - groups: [dev]                          # and/or users: [alice]
///   verbs: [get, list, watch]
///   apiGroups: [infra.virtrigaud.io]
///   resources: [virtualmachines, virtualmachines/status]
///   namespaces: [default]                  # optional: limit to these namespaces
///   resourceNames: [web-1]                 # optional: limit to these objects
/// - users: [monitor]
///   verbs: [get]
///   nonResourceURLs: [/metrics]
/// </code>
/// Decoding is strict: an unknown field, a rule naming nobody, a rule with both or neither of resources and
/// nonResourceURLs, or resources without apiGroups is an error naming the field, so a typo cannot silently grant or
/// withhold access. The result holds the built-in rules followed by the file's.
/// </summary>
internal static class AuthorizationPolicyFile
{
    public const string ApiVersion = "apiserver.virtrigaud.io/v1";
    public const string Kind = "AuthorizationPolicy";

    private static readonly HashSet<string> TopFields = ["apiVersion", "kind", "rules"];

    private static readonly HashSet<string> RuleFields =
        ["users", "groups", "verbs", "apiGroups", "resources", "resourceNames", "namespaces", "nonResourceURLs"];

    /// <summary>Reads and parses the file.</summary>
    /// <exception cref="FormatException">The file is malformed; the message names the file and the field.</exception>
    public static AuthorizationPolicy Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses policy text; <paramref name="source"/> names it in errors.</summary>
    public static AuthorizationPolicy Parse(string text, string source)
    {
        JsonNode document;
        try
        {
            document = KubernetesYaml.ReadDocument(text);
        }
        catch (YamlFormatException e)
        {
            throw new FormatException($"authorization policy {source}: {e.Message}", e);
        }

        if (document is not JsonObject top)
        {
            throw Error(source, "", "must be a mapping with a rules list");
        }

        CheckFields(top, TopFields, source, "");
        if (top["apiVersion"] is { } apiVersion && String(apiVersion, source, "apiVersion") != ApiVersion)
        {
            throw Error(source, "apiVersion", $"must be {ApiVersion}");
        }

        if (top["kind"] is { } kind && String(kind, source, "kind") != Kind)
        {
            throw Error(source, "kind", $"must be {Kind}");
        }

        if (top["rules"] is not JsonArray rules)
        {
            throw Error(source, "rules", "must be a list");
        }

        var parsed = new List<PolicyRule>(AuthorizationPolicy.BuiltInRules);
        for (var i = 0; i < rules.Count; i++)
        {
            parsed.Add(ParseRule(rules[i], source, string.Create(CultureInfo.InvariantCulture, $"rules[{i}]")));
        }

        return new AuthorizationPolicy { Rules = parsed };
    }

    private static PolicyRule ParseRule(JsonNode? node, string source, string path)
    {
        if (node is not JsonObject rule)
        {
            throw Error(source, path, "must be a mapping");
        }

        CheckFields(rule, RuleFields, source, path);
        var parsed = new PolicyRule
        {
            Users = Strings(rule, "users", source, path),
            Groups = Strings(rule, "groups", source, path),
            Verbs = Strings(rule, "verbs", source, path),
            ApiGroups = Strings(rule, "apiGroups", source, path),
            Resources = Strings(rule, "resources", source, path),
            ResourceNames = Strings(rule, "resourceNames", source, path),
            Namespaces = Strings(rule, "namespaces", source, path),
            NonResourceUrls = Strings(rule, "nonResourceURLs", source, path),
        };

        if (parsed.Users.Count == 0 && parsed.Groups.Count == 0)
        {
            throw Error(source, path, "must name users or groups");
        }

        if (parsed.Verbs.Count == 0)
        {
            throw Error(source, path + ".verbs", "must not be empty");
        }

        var hasResources = parsed.Resources.Count > 0;
        var hasUrls = parsed.NonResourceUrls.Count > 0;
        if (hasResources == hasUrls)
        {
            throw Error(source, path, "must have either resources or nonResourceURLs");
        }

        if (hasResources && parsed.ApiGroups.Count == 0)
        {
            throw Error(source, path + ".apiGroups", "must not be empty when resources are given (\"\" is the core group)");
        }

        if (hasUrls && (parsed.ApiGroups.Count > 0 || parsed.Namespaces.Count > 0 || parsed.ResourceNames.Count > 0))
        {
            throw Error(source, path, "nonResourceURLs do not go with apiGroups, namespaces or resourceNames");
        }

        foreach (var url in parsed.NonResourceUrls)
        {
            if (!url.StartsWith('/') && url != "*")
            {
                throw Error(source, path + ".nonResourceURLs", $"{url} must start with /");
            }
        }

        return parsed;
    }

    private static void CheckFields(JsonObject node, HashSet<string> known, string source, string path)
    {
        foreach (var (name, _) in node)
        {
            if (!known.Contains(name))
            {
                throw Error(source, path.Length == 0 ? name : $"{path}.{name}", "unknown field");
            }
        }
    }

    private static List<string> Strings(JsonObject rule, string field, string source, string path)
    {
        var node = rule[field];
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw Error(source, $"{path}.{field}", "must be a list of strings");
        }

        return [.. array.Select((item, i) => String(item, source, string.Create(CultureInfo.InvariantCulture, $"{path}.{field}[{i}]")))];
    }

    private static string String(JsonNode? node, string source, string path) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw Error(source, path, "must be a string");

    private static FormatException Error(string source, string path, string message) =>
        new(path.Length == 0 ? $"authorization policy {source}: {message}" : $"authorization policy {source}: {path}: {message}");
}

using System.Text.Json;
using System.Text.RegularExpressions;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The rules for a <see cref="Provider"/> that its OpenAPI schema cannot express. Runs after schema validation and
/// defaulting; never mutates the object.
/// </summary>
/// <remarks>
/// Deliberately left to the controller: a missing <c>runtime.service.tls</c> block, or <c>tls.enabled</c> without a
/// <c>secretRef</c>. Upstream accepts both and reports them as condition <c>TLSConfigured=False</c>
/// (<c>TLSBlockMissing</c>, <c>SecretRefMissing</c>) without deploying; rejecting them here would refuse most Provider
/// manifests written for upstream, and the Secret may legitimately be created after the Provider.
/// </remarks>
public static partial class ProviderValidation
{
    private const int DefaultServicePort = 9443;

    /// <summary>Appends every problem of <paramref name="obj"/> to <paramref name="errors"/>.</summary>
    public static void Validate(Provider obj, FieldErrorList errors)
    {
        var spec = FieldPath.NewPath("spec");
        ValidateEndpoint(obj.Spec.Type, obj.Spec.Endpoint, spec.Child("endpoint"), errors);

        // The Secret is mounted into the provider pod, and a pod can only mount Secrets of its own namespace.
        if (obj.Metadata.Namespace is { Length: > 0 } ns && obj.Spec.CredentialSecretRef.Namespace is { } secretNs && secretNs != ns)
        {
            errors.Add(FieldError.Invalid(spec.Child("credentialSecretRef", "namespace"), secretNs,
                $"must be the Provider's namespace (\"{ns}\"): the Secret is mounted into the provider pod"));
        }

        ValidateRuntime(obj.Spec.Runtime, spec.Child("runtime"), errors);
        ValidateHealthCheck(obj.Spec.HealthCheck, spec.Child("healthCheck"), errors);
        ValidateConnectionPooling(obj.Spec.ConnectionPooling, spec.Child("connectionPooling"), errors);
        ValidateAdoptFilter(obj.Metadata, errors);
    }

    // The schema accepts any of its schemes for any type. Only clear mismatches are refused: an HTTP API for a libvirt
    // provider, a libvirt URI for an HTTP-API provider. tcp:// and grpc:// stay open to every type, as upstream.
    private static void ValidateEndpoint(ProviderType type, string endpoint, FieldPath path, FieldErrorList errors)
    {
        var schemeEnd = endpoint.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? "" : endpoint[..schemeEnd];
        var isHttp = scheme is "http" or "https";
        var isLibvirt = scheme.StartsWith("qemu", StringComparison.Ordinal);
        var detail = type switch
        {
            ProviderType.Libvirt when isHttp => "a libvirt provider needs a libvirt URI such as qemu:///system or qemu+ssh://user@host/system",
            ProviderType.Qemu when isHttp => "a qemu provider needs a libvirt URI such as qemu:///system or qemu+ssh://user@host/system",
            ProviderType.VSphere when isLibvirt => "a vsphere provider needs the URL of the vCenter or ESXi API, such as https://vcenter.example.com/sdk",
            ProviderType.Proxmox when isLibvirt => "a proxmox provider needs the URL of the Proxmox VE API, such as https://pve.example.com:8006",
            _ => null,
        };
        if (detail is not null)
        {
            errors.Add(FieldError.Invalid(path, endpoint, detail));
        }
    }

    private static void ValidateRuntime(ProviderRuntimeSpec runtime, FieldPath path, FieldErrorList errors)
    {
        ValidateRuntimeMode(runtime, path, errors);
        if (runtime.Service?.Tls?.SecretRef?.Name is { Length: > 0 } secretName)
        {
            var namePath = path.Child("service", "tls", "secretRef", "name");
            errors.AddRange(NameValidation.IsDns1123Subdomain(secretName).Select(message => FieldError.Invalid(namePath, secretName, message)));
        }

        // Copied into the Deployment's pod template, which the API server would refuse with bad labels.
        errors.AddRange(LabelValidation.ValidateLabels(runtime.NodeSelector, path.Child("nodeSelector")));
    }

    // Which fields each mode uses: a field another mode needs is refused rather than silently ignored.
    private static void ValidateRuntimeMode(ProviderRuntimeSpec runtime, FieldPath path, FieldErrorList errors)
    {
        var mode = runtime.Mode ?? ProviderRuntimeMode.Remote;
        var image = path.Child("image");
        var endpoint = path.Child("endpoint");
        switch (mode)
        {
            case ProviderRuntimeMode.Remote:
                if (string.IsNullOrEmpty(runtime.Image))
                {
                    errors.Add(FieldError.Required(image, "the provider image is required in Remote mode (the manager runs it as a Deployment)"));
                }

                if (runtime.Endpoint is not null)
                {
                    errors.Add(FieldError.Forbidden(endpoint, "only used in External mode; in Remote mode the endpoint is the Service the manager creates"));
                }

                break;
            case ProviderRuntimeMode.Local:
                if (runtime.Image is not null)
                {
                    errors.Add(FieldError.Forbidden(image, "not used in Local mode: the manager runs the provider binary chosen by spec.type as a child process"));
                }

                if (runtime.Endpoint is not null)
                {
                    errors.Add(FieldError.Forbidden(endpoint, "not used in Local mode: the manager chooses a loopback port"));
                }

                if (runtime.Service?.Tls?.SecretRef is not null)
                {
                    errors.Add(FieldError.Forbidden(path.Child("service", "tls", "secretRef"),
                        "not used in Local mode: with tls.enabled the manager issues loopback certificates from its own CA"));
                }

                ValidatePodOnlyFields(runtime, path, "Local", errors);
                break;
            case ProviderRuntimeMode.External:
                if (runtime.Image is not null)
                {
                    errors.Add(FieldError.Forbidden(image, "not used in External mode: the provider runs outside the manager's control"));
                }

                if (string.IsNullOrEmpty(runtime.Endpoint))
                {
                    errors.Add(FieldError.Required(endpoint, "the provider's gRPC address (host:port) is required in External mode"));
                }
                else if (ExternalEndpointProblem(runtime.Endpoint) is { } problem)
                {
                    errors.Add(FieldError.Invalid(endpoint, runtime.Endpoint, problem));
                }

                ValidatePodOnlyFields(runtime, path, "External", errors);
                ValidateProcessFields(runtime, path, errors);
                break;
        }
    }

    // The Deployment's fields: a Local process or an External provider has no pod to put them on. Defaulted values
    // (replicas 1, port 9443, pull policy IfNotPresent) cannot be told from written ones and pass.
    private static void ValidatePodOnlyFields(ProviderRuntimeSpec runtime, FieldPath path, string mode, FieldErrorList errors)
    {
        var detail = mode == "Local"
            ? "not used in Local mode: the provider runs as a child process of the manager, not in a pod"
            : "not used in External mode: the manager does not run the provider";
        void Forbid(bool set, params string[] field)
        {
            if (set)
            {
                errors.Add(FieldError.Forbidden(path.Child(field[0], field[1..]), detail));
            }
        }

        Forbid(runtime.Replicas is > 1, "replicas");
        Forbid(runtime.Service?.Port is { } port && port != DefaultServicePort, "service", "port");
        Forbid(runtime.ImagePullPolicy is { } policy && policy != "IfNotPresent", "imagePullPolicy");
        Forbid(runtime.ImagePullSecrets is { Count: > 0 }, "imagePullSecrets");
        Forbid(runtime.Resources is not null, "resources");
        Forbid(runtime.NodeSelector is { Count: > 0 }, "nodeSelector");
        Forbid(runtime.Tolerations is { Count: > 0 }, "tolerations");
        Forbid(runtime.Affinity is not null, "affinity");
        Forbid(runtime.SecurityContext is not null, "securityContext");
        Forbid(runtime.LivenessProbe is not null, "livenessProbe");
        Forbid(runtime.ReadinessProbe is not null, "readinessProbe");
    }

    // The provider process's environment: in External mode the user configures their provider directly.
    private static void ValidateProcessFields(ProviderRuntimeSpec runtime, FieldPath path, FieldErrorList errors)
    {
        const string Detail = "not used in External mode: the manager does not run the provider, so it sets no environment; configure your provider directly";
        if (runtime.Env is { Count: > 0 })
        {
            errors.Add(FieldError.Forbidden(path.Child("env"), Detail));
        }

        if (runtime.LogLevel is { } level && level != "info")
        {
            errors.Add(FieldError.Forbidden(path.Child("logLevel"), Detail));
        }

        if (runtime.LogFormat is { } format && format != "text")
        {
            errors.Add(FieldError.Forbidden(path.Child("logFormat"), Detail));
        }
    }

    private static string? ExternalEndpointProblem(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || colon == endpoint.Length - 1)
        {
            return "must be host:port, e.g. provider.example.com:9443 or 127.0.0.1:9443";
        }

        var host = endpoint[..colon];
        if (!int.TryParse(endpoint.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return "the port must be a number from 1 to 65535";
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return System.Net.IPAddress.TryParse(host[1..^1], out _) ? null : "the bracketed host must be an IPv6 address";
        }

        if (System.Net.IPAddress.TryParse(host, out _))
        {
            return null;
        }

        var problems = NameValidation.IsDns1123Subdomain(host);
        return problems.Count == 0 ? null : "the host must be an IP address or a DNS name: " + problems[0];
    }

    private static void ValidateHealthCheck(ProviderHealthCheck? healthCheck, FieldPath path, FieldErrorList errors)
    {
        if (healthCheck is null)
        {
            return;
        }

        var intervalOk = CheckPositive(healthCheck.Interval, path.Child("interval"), errors);
        var timeoutOk = CheckPositive(healthCheck.Timeout, path.Child("timeout"), errors);

        // A check still running when the next one is due would overlap it.
        if (intervalOk && timeoutOk && healthCheck is { Interval: { } interval, Timeout: { } timeout } && timeout.Nanoseconds > interval.Nanoseconds)
        {
            errors.Add(FieldError.Invalid(path.Child("timeout"), timeout.ToString(), $"must not be greater than spec.healthCheck.interval ({interval})"));
        }
    }

    // maxIdleConnections ≤ maxConnections is not enforced: after defaulting, a lone `maxConnections: 3` would meet the
    // default maxIdleConnections of 5 and be refused for a value the user never wrote.
    private static void ValidateConnectionPooling(ProviderConnectionPooling? pooling, FieldPath path, FieldErrorList errors)
    {
        if (pooling is null)
        {
            return;
        }

        CheckPositive(pooling.ConnectionTimeout, path.Child("connectionTimeout"), errors);
        CheckPositive(pooling.IdleTimeout, path.Child("idleTimeout"), errors);
    }

    private static bool CheckPositive(Duration? duration, FieldPath path, FieldErrorList errors)
    {
        if (duration is { } d && d.Nanoseconds <= 0)
        {
            errors.Add(FieldError.Invalid(path, d.ToString(), "must be greater than zero"));
            return false;
        }

        return true;
    }

    // Upstream parses the filter only when adopting and then just reports "Invalid filter" in status; a typo would
    // silently adopt nothing (or everything), so it is checked here with the same reading as Go's encoding/json.
    private static void ValidateAdoptFilter(ObjectMeta metadata, FieldErrorList errors)
    {
        if (metadata.Annotation(ProviderAnnotations.AdoptFilter) is not { Length: > 0 } filter)
        {
            return;
        }

        if (AdoptFilterProblem(filter) is { } problem)
        {
            var path = FieldPath.NewPath("metadata", "annotations").Key(ProviderAnnotations.AdoptFilter);
            errors.Add(FieldError.Invalid(path, filter, problem));
        }
    }

    private static string? AdoptFilterProblem(string filter)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(filter);
        }
        catch (JsonException e)
        {
            return "must be a JSON object: " + e.Message;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return "must be a JSON object such as {\"namePattern\": \"^prod-\", \"minCPU\": 2}";
            }

            var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                // Go matches JSON keys to struct fields case-insensitively and ignores unknown keys.
                var key = property.Name.ToLowerInvariant();
                var problem = key switch
                {
                    "namepattern" => property.Value.ValueKind == JsonValueKind.String
                        ? GoRegexProblem(property.Value.GetString()!)
                        : "namePattern must be a string",
                    "powerstate" => property.Value.ValueKind == JsonValueKind.String ? null : "powerState must be a string",
                    "mincpu" or "maxcpu" => ReadInteger(property.Value, int.MinValue, int.MaxValue, key, numbers),
                    "minmemorymib" or "maxmemorymib" => ReadInteger(property.Value, long.MinValue, long.MaxValue, key, numbers),
                    _ => null,
                };
                if (problem is not null)
                {
                    return problem;
                }
            }

            // A maximum of zero means no maximum.
            if (numbers.GetValueOrDefault("maxcpu") > 0 && numbers.GetValueOrDefault("mincpu") > numbers["maxcpu"])
            {
                return "minCPU must not be greater than maxCPU";
            }

            if (numbers.GetValueOrDefault("maxmemorymib") > 0 && numbers.GetValueOrDefault("minmemorymib") > numbers["maxmemorymib"])
            {
                return "minMemoryMiB must not be greater than maxMemoryMiB";
            }

            return null;
        }
    }

    private static string? ReadInteger(JsonElement value, long min, long max, string key, Dictionary<string, long> numbers)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < min || n > max)
        {
            var name = key switch
            {
                "mincpu" => "minCPU",
                "maxcpu" => "maxCPU",
                "minmemorymib" => "minMemoryMiB",
                _ => "maxMemoryMiB",
            };
            return max == int.MaxValue ? $"{name} must be a 32-bit integer" : $"{name} must be an integer";
        }

        numbers[key] = n;
        return null;
    }

    // The pattern is a Go (RE2) regular expression, checked with .NET's parser where the two agree: RE2 refuses
    // lookaround and backreferences (which .NET would accept), and .NET lacks \Q…\E, the U flag and Go's script
    // names in \p{…} (which Go accepts), so those patterns are not second-guessed.
    private static string? GoRegexProblem(string pattern)
    {
        if (pattern.Contains("(?=", StringComparison.Ordinal) || pattern.Contains("(?!", StringComparison.Ordinal)
            || pattern.Contains("(?<=", StringComparison.Ordinal) || pattern.Contains("(?<!", StringComparison.Ordinal))
        {
            return "namePattern: Go regular expressions do not support lookahead or lookbehind";
        }

        for (var i = 0; i < pattern.Length - 1; i++)
        {
            if (pattern[i] == '\\')
            {
                if (pattern[i + 1] is >= '1' and <= '9')
                {
                    return "namePattern: Go regular expressions do not support backreferences";
                }

                i++;
            }
        }

        if (pattern.Contains("\\Q", StringComparison.Ordinal) || pattern.Contains("\\p", StringComparison.Ordinal)
            || pattern.Contains("\\P", StringComparison.Ordinal) || UngreedyFlag().IsMatch(pattern))
        {
            return null;
        }

        try
        {
            _ = new Regex(pattern.Replace("(?P<", "(?<", StringComparison.Ordinal), RegexOptions.CultureInvariant);
            return null;
        }
        catch (ArgumentException e)
        {
            return "namePattern is not a valid regular expression: " + e.Message;
        }
    }

    [GeneratedRegex(@"\(\?[a-zA-Z-]*U")]
    private static partial Regex UngreedyFlag();
}

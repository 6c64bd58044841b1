using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Logging;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Logging;
using VirtRigaud.Provider.Sdk.Security;

namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// Everything a provider process is configured with: the command-line flags, the environment the provider controller
/// sets (API-REFERENCE §6.1–6.2) and the tuning values behind them. Built once by <see cref="ProviderHost"/> from
/// <c>args</c> and the environment (or by tests directly), validated at start by <see cref="ProviderRuntimeOptionsValidator"/>,
/// and given to the implementation through DI. Immutable; no other code re-reads flags or variables.
/// </summary>
public sealed record ProviderRuntimeOptions : IValidatableObject
{
    /// <summary>The gRPC port (<c>--port</c>, default 9443); 0 lets the system pick (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; init; } = 9443;

    /// <summary>The HTTP port of <c>/healthz</c>, <c>/readyz</c>, <c>/health</c> and <c>/metrics</c> (<c>--health-port</c>, default 8080); 0 lets the system pick.</summary>
    [Range(0, 65535)]
    public int HealthPort { get; init; } = 8080;

    /// <summary>The IP address both ports listen on (<c>--bind-address</c>; <c>0.0.0.0</c> = every interface, as in a pod).</summary>
    [Required]
    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary>Where the credentials Secret is mounted (<c>--credentials-dir</c>).</summary>
    [Required]
    public string CredentialsDirectory { get; init; } = ProviderCredentials.DefaultDirectory;

    /// <summary>Where the TLS Secret (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>) is mounted (<c>--tls-dir</c>).</summary>
    [Required]
    public string TlsDirectory { get; init; } = ProviderTls.DefaultDirectory;

    /// <summary><c>PROVIDER_TYPE</c>: vsphere, libvirt, proxmox, mock…; <c>null</c> when unset.</summary>
    public string? ProviderType { get; init; }

    /// <summary><c>PROVIDER_ENDPOINT</c>: the hypervisor's address; <c>null</c> when unset.</summary>
    public string? ProviderEndpoint { get; init; }

    /// <summary><c>PROVIDER_NAMESPACE</c>: the Provider object's namespace; <c>null</c> when unset.</summary>
    public string? ProviderNamespace { get; init; }

    /// <summary><c>PROVIDER_NAME</c>: the Provider object's name; <c>null</c> when unset.</summary>
    public string? ProviderName { get; init; }

    /// <summary>
    /// <c>TLS_ENABLED</c>: what the provider controller decided for the gRPC port; <c>null</c> when unset. Informational:
    /// the TLS directory decides the posture (upstream), and a contradiction is logged as a warning.
    /// </summary>
    public bool? TlsEnabled { get; init; }

    /// <summary><c>TLS_INSECURE_SKIP_VERIFY</c>: skip verifying the HYPERVISOR API's certificate (vSphere, Proxmox). Not about gRPC.</summary>
    public bool TlsInsecureSkipVerify { get; init; }

    /// <summary><c>LOG_LEVEL</c>: debug, info (default), warn, error.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary><c>LOG_FORMAT</c>: text (default, as upstream) or json.</summary>
    public ProviderLogFormat LogFormat { get; init; } = ProviderLogFormat.Text;

    /// <summary><c>PROVIDER_DEFAULT_*</c>: placement defaults.</summary>
    public ProviderDefaults Defaults { get; init; } = new();

    /// <summary><c>VIRTRIGAUD_PROVIDER_ALLOWED_SANS</c>: names a client certificate must carry (empty = any certificate from the CA).</summary>
    public IReadOnlyList<string> AllowedSans { get; init; } = [];

    /// <summary><c>VIRTRIGAUD_PROVIDER_INSECURE</c> is "true": serve plaintext when no TLS material is mounted.</summary>
    public bool InsecureOptIn { get; init; }

    /// <summary>On SIGTERM, how long in-flight calls and running tasks may take to finish (upstream's graceful timeout).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often readiness is re-checked by calling the implementation's Validate.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReadinessInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The deadline of one readiness Validate (the manager gives Validate 30 s too).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection without calls for this long is closed (upstream keepalive MaxConnectionIdle).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ConnectionIdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>After this long without frames from the client, the server pings it (upstream keepalive Time).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A ping not answered within this closes the connection (upstream keepalive Timeout).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Cross-field rules: the bind address parses, and two fixed ports differ.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(BindAddress, out _))
        {
            yield return new ValidationResult($"--bind-address {BindAddress} is not an IP address", [nameof(BindAddress)]);
        }

        if (Port != 0 && Port == HealthPort)
        {
            yield return new ValidationResult($"--port and --health-port are both {Port}", [nameof(Port), nameof(HealthPort)]);
        }

        if (AllowedSans.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("allowed SANs must not be blank", [nameof(AllowedSans)]);
        }
    }
}

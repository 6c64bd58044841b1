using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Core;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Models.CoreV1;

namespace VirtRigaud.Controllers.Tests.Testing;

/// <summary>Provider objects and their Secrets for the Provider controller's tests.</summary>
public static class TestProviders
{
    public static Api.V1Beta1.Provider Local(string ns, string name, bool? tls = false, ProviderType type = ProviderType.Mock, IReadOnlyList<EnvVar>? env = null, ProviderHealthCheck? healthCheck = null) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name },
        Spec = new ProviderSpec
        {
            Type = type,
            Endpoint = type == ProviderType.Mock ? "https://mock.virtrigaud.invalid" : "qemu:///system",
            CredentialSecretRef = new ObjectRef { Name = name + "-credentials" },
            Runtime = new ProviderRuntimeSpec
            {
                Mode = ProviderRuntimeMode.Local,
                Service = tls is null ? null : new ProviderServiceSpec { Tls = new ProviderTlsSpec { Enabled = tls } },
                Env = env,
                LogLevel = "warn",
            },
            HealthCheck = healthCheck ?? FastHealthCheck,
        },
    };

    public static Api.V1Beta1.Provider External(string ns, string name, string endpoint, string? tlsSecret = null, ProviderHealthCheck? healthCheck = null) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name },
        Spec = new ProviderSpec
        {
            Type = ProviderType.Mock,
            Endpoint = "https://mock.virtrigaud.invalid",
            CredentialSecretRef = new ObjectRef { Name = name + "-credentials" },
            Runtime = new ProviderRuntimeSpec
            {
                Mode = ProviderRuntimeMode.External,
                Endpoint = endpoint,
                Service = new ProviderServiceSpec
                {
                    Tls = tlsSecret is null ? new ProviderTlsSpec { Enabled = false } : new ProviderTlsSpec { Enabled = true, SecretRef = new Api.Machinery.Core.LocalObjectReference { Name = tlsSecret } },
                },
            },
            HealthCheck = healthCheck ?? FastHealthCheck,
        },
    };

    /// <summary>Checks every second with a one-second deadline (the timeout may not exceed the interval), unavailable after one failure.</summary>
    public static ProviderHealthCheck FastHealthCheck => Every("1s");

    /// <summary>Checks every <paramref name="interval"/> with that deadline, unavailable after one failure.</summary>
    public static ProviderHealthCheck Every(string interval) => new()
    {
        Enabled = true,
        Interval = Duration.Parse(interval),
        Timeout = Duration.Parse(interval),
        FailureThreshold = 1,
        SuccessThreshold = 1,
    };

    public static Secret Credentials(string ns, string name, IReadOnlyDictionary<string, string>? data = null) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name },
        Data = (data ?? new Dictionary<string, string> { ["username"] = "mock", ["password"] = "not-a-real-password" })
            .ToDictionary(kv => kv.Key, kv => System.Text.Encoding.UTF8.GetBytes(kv.Value)),
    };
}

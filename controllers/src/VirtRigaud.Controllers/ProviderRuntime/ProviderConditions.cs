namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// The Provider controller's condition types and reasons: upstream's (API-REFERENCE §3.1) where upstream has them,
/// ours for the Local and External modes and for the states upstream never reported.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>condition</term><description>True / False reasons</description></listheader>
/// <item><term>TLSConfigured</term><description>Enabled / TLSBlockMissing, ExplicitlyDisabled, SecretRefMissing,
/// SecretNotFound, SecretInvalid</description></item>
/// <item><term>ProviderRuntimeReady</term><description>DeploymentReady, ProcessRunning, EndpointReachable /
/// TLSNotConfigured, InvalidConfiguration, DeploymentNotReady, ServiceError, DeploymentError, KubernetesRequired,
/// BinaryNotFound, CredentialsNotFound, ProcessStarting, ProcessExited, EndpointUnreachable</description></item>
/// <item><term>ProviderAvailable</term><description>RemoteAvailable, LocalAvailable, ExternalAvailable /
/// RuntimeNotReady, ValidationFailed, ProviderUnreachable, CircuitOpen</description></item>
/// <item><term>CapabilitiesReported</term><description>CapabilitiesFetched / CapabilitiesUnavailable</description></item>
/// </list>
/// </remarks>
public static class ProviderConditions
{
    public const string TlsConfigured = "TLSConfigured";
    public const string RuntimeReady = "ProviderRuntimeReady";
    public const string Available = "ProviderAvailable";
    public const string CapabilitiesReported = "CapabilitiesReported";

    // TLSConfigured (upstream's, then ours: the manager could not load the Secret it was pointed at).
    public const string ReasonTlsEnabled = "Enabled";
    public const string ReasonTlsBlockMissing = "TLSBlockMissing";
    public const string ReasonTlsExplicitlyDisabled = "ExplicitlyDisabled";
    public const string ReasonTlsSecretRefMissing = "SecretRefMissing";
    public const string ReasonTlsSecretNotFound = "SecretNotFound";
    public const string ReasonTlsSecretInvalid = "SecretInvalid";

    // ProviderRuntimeReady, upstream's.
    public const string ReasonTlsNotConfigured = "TLSNotConfigured";
    public const string ReasonInvalidConfiguration = "InvalidConfiguration";
    public const string ReasonDeploymentReady = "DeploymentReady";
    public const string ReasonDeploymentNotReady = "DeploymentNotReady";
    public const string ReasonServiceError = "ServiceError";
    public const string ReasonDeploymentError = "DeploymentError";

    // ProviderRuntimeReady, ours.
    public const string ReasonKubernetesRequired = "KubernetesRequired";
    public const string ReasonBinaryNotFound = "BinaryNotFound";
    public const string ReasonCredentialsNotFound = "CredentialsNotFound";
    public const string ReasonProcessStarting = "ProcessStarting";
    public const string ReasonProcessRunning = "ProcessRunning";
    public const string ReasonProcessExited = "ProcessExited";
    public const string ReasonEndpointReachable = "EndpointReachable";
    public const string ReasonEndpointUnreachable = "EndpointUnreachable";

    // ProviderAvailable: upstream's RemoteAvailable, ours for the other modes and for going back to False.
    public const string ReasonRemoteAvailable = "RemoteAvailable";
    public const string ReasonLocalAvailable = "LocalAvailable";
    public const string ReasonExternalAvailable = "ExternalAvailable";
    public const string ReasonRuntimeNotReady = "RuntimeNotReady";
    public const string ReasonValidationFailed = "ValidationFailed";
    public const string ReasonProviderUnreachable = "ProviderUnreachable";
    public const string ReasonCircuitOpen = "CircuitOpen";

    // CapabilitiesReported, upstream's.
    public const string ReasonCapabilitiesFetched = "CapabilitiesFetched";
    public const string ReasonCapabilitiesUnavailable = "CapabilitiesUnavailable";

    /// <summary>Event reason when a Local provider process exits (and is restarted after a back-off).</summary>
    public const string EventProcessExited = "ProviderProcessExited";

    /// <summary>Event reason when a Local provider process is started.</summary>
    public const string EventProcessStarted = "ProviderProcessStarted";

    /// <summary>Event reason when the provider becomes available.</summary>
    public const string EventAvailable = "ProviderAvailable";

    /// <summary>Event reason when a provider that was available stops answering.</summary>
    public const string EventUnavailable = "ProviderUnavailable";

    /// <summary>Event reason when the TLS posture gate refuses to run the provider.</summary>
    public const string EventTlsNotConfigured = "TLSNotConfigured";
}

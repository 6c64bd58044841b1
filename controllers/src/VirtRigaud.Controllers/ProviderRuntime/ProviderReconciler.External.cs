using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.ProviderRuntime;

public sealed partial class ProviderReconciler
{
    /// <summary>
    /// External: the user runs the provider at <c>spec.runtime.endpoint</c>; TLS (when enabled) from the Provider's
    /// Secret with the endpoint's host as the name checked. The runtime is "ready" when it answers Validate at all.
    /// </summary>
    private RuntimeOutcome ReconcileExternal(ProviderStatusDraft draft, ProviderTlsPosture posture)
    {
        var provider = draft.Provider;
        var endpoint = provider.Spec.Runtime.Endpoint ?? "";
        var outcome = new RuntimeOutcome { AvailableReason = ProviderConditions.ReasonExternalAvailable, ReadinessFromHealth = true };
        draft.Runtime = draft.Runtime with { Endpoint = endpoint, ServiceRef = null, ReadyReplicas = null, AvailableReplicas = null };
        if (endpoint.Length == 0)
        {
            const string Message = "spec.runtime.endpoint (host:port) is required in External mode";
            _metrics.RecordError("runtime-spec-invalid");
            draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonInvalidConfiguration, Message);
            draft.Phase(ProviderRuntimePhase.Failed, Message);
            return outcome with { NotReadyMessage = Message, ReadinessFromHealth = false };
        }

        if (!posture.Enabled)
        {
            return outcome with { Target = Target(provider, endpoint, null) };
        }

        if (LoadTls(draft, posture, HostOf(endpoint)) is { } tls)
        {
            return outcome with { Target = Target(provider, endpoint, tls) };
        }

        var message = "the manager has no usable TLS material: " + Conditions.Find(draft.Status.Conditions, ProviderConditions.TlsConfigured)!.Message;
        draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonTlsNotConfigured, message);
        draft.Phase(ProviderRuntimePhase.Failed, message);

        // A Secret created or fixed later is an event (Secrets are watched): no polling.
        return outcome with { NotReadyMessage = message, ReadinessFromHealth = false };
    }

    /// <summary>The host of <c>host:port</c> or <c>[v6]:port</c>, without brackets.</summary>
    private static string HostOf(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        var host = colon < 0 ? endpoint : endpoint[..colon];
        return host.Trim('[', ']');
    }
}

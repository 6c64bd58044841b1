using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>The Provider being reconciled and the status one pass builds. Mutable, owned by one reconcile.</summary>
internal sealed class ProviderStatusDraft(Api.V1Beta1.Provider provider, DateTimeOffset now)
{
    public Api.V1Beta1.Provider Provider { get; } = provider;

    public ProviderStatus Status { get; set; } = provider.Status ?? new ProviderStatus();

    public DateTimeOffset Now { get; } = now;

    public string Namespace => Provider.Metadata.Namespace ?? "";

    public string Name => Provider.Metadata.Name ?? "";

    public ProviderRuntimeStatus Runtime
    {
        get => Status.Runtime ?? new ProviderRuntimeStatus();
        set => Status = Status with { Runtime = value };
    }

    /// <summary>Sets a condition (observedGeneration = metadata.generation; the transition time moves only with the status).</summary>
    public void Set(string type, ConditionStatus status, string reason, string message) =>
        Status = Status with
        {
            Conditions = Conditions.Set(Status.Conditions, type, status, reason, message, Provider.Metadata.Generation, Now),
        };

    /// <summary>Sets the runtime phase and message together (the phase is always set).</summary>
    public void Phase(ProviderRuntimePhase phase, string message) => Runtime = Runtime with { Phase = phase, Message = message };

    /// <summary>Whether a condition was True before this pass.</summary>
    public bool WasTrue(string type) => Conditions.IsTrue(Provider.Status?.Conditions, type);
}

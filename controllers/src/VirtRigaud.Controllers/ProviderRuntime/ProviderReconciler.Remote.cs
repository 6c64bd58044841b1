using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Models;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Providers;

namespace VirtRigaud.Controllers.ProviderRuntime;

public sealed partial class ProviderReconciler
{
    /// <summary>How many times a Deployment or Service update is retried on a conflict (upstream's RetryOnConflict).</summary>
    private const int UpdateAttempts = 5;

    /// <summary>Remote: the Deployment and Service through the API server (only a Kubernetes cluster serves them).</summary>
    private async Task<RuntimeOutcome> ReconcileRemoteAsync(ProviderStatusDraft draft, ProviderTlsPosture posture, CancellationToken cancellationToken)
    {
        var provider = draft.Provider;
        var outcome = new RuntimeOutcome { AvailableReason = ProviderConditions.ReasonRemoteAvailable };
        if (!_options.Apis.SupportsRemote)
        {
            const string Message = "Remote mode runs the provider as a Deployment and Service, which needs a Kubernetes cluster: this API server does not serve apps/v1 Deployments. "
                + "Use spec.runtime.mode: Local (the manager starts the provider as a child process) or External (set spec.runtime.endpoint to a provider you run)";
            draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonKubernetesRequired, Message);
            draft.Phase(ProviderRuntimePhase.Failed, Message);
            draft.Runtime = draft.Runtime with { Endpoint = null, ServiceRef = null, ReadyReplicas = null, AvailableReplicas = null };

            // Served APIs are discovered at start; a manager restart against a cluster picks the change up.
            return outcome with { NotReadyMessage = "the runtime cannot run here: " + Message };
        }

        if (string.IsNullOrEmpty(provider.Spec.Runtime.Image))
        {
            const string Message = "spec.runtime.image is required in Remote mode";
            _metrics.RecordError("runtime-spec-invalid");
            draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonInvalidConfiguration, Message);
            draft.Phase(ProviderRuntimePhase.Failed, Message);
            return outcome with { NotReadyMessage = Message, RequeueAfter = _options.ErrorRequeue };
        }

        var ns = draft.Namespace;
        var resourceName = ProviderRuntimeNames.ResourceName(ns, draft.Name);
        var host = ProviderRuntimeNames.ServiceHost(ns, draft.Name);
        var port = ProviderRuntimeNames.GrpcPort(provider.Spec);
        var endpoint = $"{host}:{port}";
        draft.Runtime = draft.Runtime with { Endpoint = endpoint, ServiceRef = new Api.Machinery.Core.LocalObjectReference { Name = resourceName } };

        try
        {
            await EnsureServiceAsync(provider, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e)
        {
            return RemoteFailed(draft, outcome, e, "service-reconcile-failed", ProviderConditions.ReasonServiceError, "Service", resourceName);
        }

        try
        {
            await EnsureDeploymentAsync(provider, MigrationClaims(ns), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e)
        {
            return RemoteFailed(draft, outcome, e, "deployment-reconcile-failed", ProviderConditions.ReasonDeploymentError, "Deployment", resourceName);
        }

        var deployment = _deployments!.Get(ns, resourceName);
        var ready = deployment?.Status?.ReadyReplicas ?? 0;
        draft.Runtime = draft.Runtime with { ReadyReplicas = ready, AvailableReplicas = deployment?.Status?.AvailableReplicas ?? 0 };
        if (ready <= 0)
        {
            var message = $"Deployment {resourceName} has no ready replica yet";
            draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonDeploymentNotReady, message);
            draft.Phase(ProviderRuntimePhase.Pending, message);
            return outcome with { NotReadyMessage = message, RequeueAfter = _options.NotReadyRequeue };
        }

        var replicas = $"Deployment {resourceName}: {ready}/{provider.Spec.Runtime.Replicas ?? 1} replicas ready";
        draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.True, ProviderConditions.ReasonDeploymentReady, replicas);
        draft.Phase(ProviderRuntimePhase.Running, replicas);
        if (!posture.Enabled)
        {
            return outcome with { Target = Target(provider, endpoint, null) };
        }

        return LoadTls(draft, posture, host) is { } tls
            ? outcome with { Target = Target(provider, endpoint, tls) }
            : outcome with { NotReadyMessage = "the manager has no usable TLS material: " + Conditions.Find(draft.Status.Conditions, ProviderConditions.TlsConfigured)!.Message };
    }

    private RuntimeOutcome RemoteFailed(ProviderStatusDraft draft, RuntimeOutcome outcome, KubernetesApiException e, string metric, string reason, string kind, string resourceName)
    {
        ProviderRuntimeLog.RemoteResourceFailed(_logger, e, draft.Namespace, draft.Name, kind, resourceName);
        _metrics.RecordError(metric);
        var message = $"writing {kind} {resourceName} failed: {e.Message}";
        draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, reason, message);
        draft.Phase(ProviderRuntimePhase.Failed, message);
        return outcome with { NotReadyMessage = message, RequeueAfter = _options.ErrorRequeue };
    }

    private static ProviderTarget Target(Api.V1Beta1.Provider provider, string endpoint, ProviderTlsMaterial? tls) => new()
    {
        Namespace = provider.Metadata.Namespace ?? "",
        Name = provider.Metadata.Name ?? "",
        ProviderType = ProviderRuntimeNames.TypeName(provider.Spec.Type),
        Endpoint = endpoint,
        Tls = tls,
    };

    /// <summary>Creates the Service, or brings its ports and labels back to the desired ones (upstream's update path).</summary>
    private async Task EnsureServiceAsync(Api.V1Beta1.Provider provider, CancellationToken cancellationToken)
    {
        var desired = RemoteProviderResources.BuildService(provider);
        var ns = desired.Metadata.Namespace!;
        var name = desired.Metadata.Name!;
        var existing = _services!.Get(ns, name);
        var client = _client.Dynamic.Resource(new GroupVersionResource("", "v1", "services"), namespaced: true, ns);
        if (existing is null)
        {
            try
            {
                await client.CreateAsync(RemoteProviderResources.ToJson(desired), cancellationToken: cancellationToken).ConfigureAwait(false);
                ProviderRuntimeLog.RemoteResourceWritten(_logger, ns, provider.Metadata.Name ?? "", "created", "Service", name);
                return;
            }
            catch (KubernetesApiException e) when (e.IsAlreadyExists)
            {
                // The cache had not seen it yet: bring it up to date below.
            }
        }
        else if (JsonContains(Json(existing), Json(desired), "metadata", "labels") && JsonContains(Json(existing), Json(desired), "spec", "ports"))
        {
            return;
        }

        await UpdateAsync(client, name, current =>
        {
            current["metadata"]!["labels"] = Json(desired)["metadata"]!["labels"]!.DeepClone();
            current["spec"]!["ports"] = Json(desired)["spec"]!["ports"]!.DeepClone();
        }, cancellationToken).ConfigureAwait(false);
        ProviderRuntimeLog.RemoteResourceWritten(_logger, ns, provider.Metadata.Name ?? "", "updated", "Service", name);
    }

    /// <summary>Creates the Deployment, or brings its replicas, pod template and labels back to the desired ones.</summary>
    private async Task EnsureDeploymentAsync(Api.V1Beta1.Provider provider, IReadOnlyList<string> claims, CancellationToken cancellationToken)
    {
        var desired = RemoteProviderResources.BuildDeployment(provider, claims);
        var desiredJson = RemoteProviderResources.ToJson(desired);
        var ns = desired.Metadata.Namespace!;
        var name = desired.Metadata.Name!;
        var existing = _deployments!.Get(ns, name);
        var client = _client.Dynamic.Resource(new GroupVersionResource("apps", "v1", "deployments"), namespaced: true, ns);
        if (existing is null)
        {
            try
            {
                await client.CreateAsync(desiredJson, cancellationToken: cancellationToken).ConfigureAwait(false);
                ProviderRuntimeLog.RemoteResourceWritten(_logger, ns, provider.Metadata.Name ?? "", "created", "Deployment", name);
                return;
            }
            catch (KubernetesApiException e) when (e.IsAlreadyExists)
            {
                // The cache had not seen it yet: bring it up to date below.
            }
        }
        else
        {
            // Compared on the SDK model (which has no lifecycle), so the server's defaults (added fields) never look like drift.
            var current = JsonSerializer.SerializeToNode(existing, CoreJsonContext.Default.AppsV1Deployment)!.AsObject();
            var wanted = JsonSerializer.SerializeToNode(desired, CoreJsonContext.Default.AppsV1Deployment)!.AsObject();
            if (JsonContains(current, wanted, "metadata", "labels") && JsonContains(current, wanted, "spec", "replicas") && JsonContains(current, wanted, "spec", "template"))
            {
                return;
            }
        }

        await UpdateAsync(client, name, current =>
        {
            current["metadata"]!["labels"] = desiredJson["metadata"]!["labels"]!.DeepClone();
            current["spec"]!["replicas"] = desiredJson["spec"]!["replicas"]!.DeepClone();
            current["spec"]!["template"] = desiredJson["spec"]!["template"]!.DeepClone();
        }, cancellationToken).ConfigureAwait(false);
        ProviderRuntimeLog.RemoteResourceWritten(_logger, ns, provider.Metadata.Name ?? "", "updated", "Deployment", name);
    }

    private static async Task UpdateAsync(Client.Dynamic.DynamicResourceClient client, string name, Action<JsonObject> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await client.GetAsync(name, cancellationToken).ConfigureAwait(false);
            change(current);
            try
            {
                await client.UpdateAsync(current, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < UpdateAttempts)
            {
            }
        }
    }

    /// <summary>The namespace's live migration PVCs, by name (the Deployment mounts each).</summary>
    private List<string> MigrationClaims(string ns) => _claims is null
        ? []
        : [.. _claims.List()
            .Where(c => c.Metadata.Namespace == ns && c.Metadata.DeletionTimestamp is null
                && c.Metadata.Label(ProviderRuntimeNames.MigrationStorageLabel) == ProviderRuntimeNames.MigrationStorageLabelValue)
            .Select(c => c.Metadata.Name ?? "")
            .Order(StringComparer.Ordinal)];

    /// <summary>Deletes this Provider's Deployment and Service (controller-owned by it) if the server serves them and they exist.</summary>
    private async Task DeleteRemoteResourcesAsync(Api.V1Beta1.Provider provider, CancellationToken cancellationToken)
    {
        var ns = provider.Metadata.Namespace ?? "";
        var name = ProviderRuntimeNames.ResourceName(ns, provider.Metadata.Name ?? "");
        try
        {
            if (_deployments?.Get(ns, name) is { } deployment && OwnedBy(deployment.Metadata, provider))
            {
                await _client.Apps.Deployments(ns).DeleteAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
                ProviderRuntimeLog.RemoteResourceWritten(_logger, ns, provider.Metadata.Name ?? "", "deleted", "Deployment", name);
            }

            if (_services?.Get(ns, name) is { } service && OwnedBy(service.Metadata, provider))
            {
                await _client.Core.Services(ns).DeleteAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
                ProviderRuntimeLog.RemoteResourceWritten(_logger, ns, provider.Metadata.Name ?? "", "deleted", "Service", name);
            }
        }
        catch (KubernetesApiException e) when (!e.IsNotFound)
        {
            _metrics.RecordError("cleanup-failed");
            throw;
        }
        catch (KubernetesApiException)
        {
            // Already gone.
        }
    }

    private static bool OwnedBy(ObjectMeta metadata, Api.V1Beta1.Provider provider) =>
        metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == provider.Metadata.Uid) == true;

    /// <summary>
    /// The manager's TLS material from the Provider's Secret (tls.crt, tls.key, ca.crt: all required, non-empty, and a
    /// certificate with its key). Null when unusable; then TLSConfigured is False with the reason (never key material).
    /// </summary>
    private ProviderTlsMaterial? LoadTls(ProviderStatusDraft draft, ProviderTlsPosture posture, string serverName)
    {
        var secretName = posture.SecretName!;
        var secret = _secrets.Get(draft.Namespace, secretName);
        if (secret is null)
        {
            draft.Set(ProviderConditions.TlsConfigured, ConditionStatus.False, ProviderConditions.ReasonTlsSecretNotFound,
                $"Secret {draft.Namespace}/{secretName} (spec.runtime.service.tls.secretRef) not found");
            return null;
        }

        var missing = ProviderRuntimeNames.TlsSecretKeys.Where(k => secret.Data is null || !secret.Data.TryGetValue(k, out var v) || v.Length == 0).ToList();
        if (missing.Count > 0)
        {
            draft.Set(ProviderConditions.TlsConfigured, ConditionStatus.False, ProviderConditions.ReasonTlsSecretInvalid,
                $"Secret {draft.Namespace}/{secretName} lacks {string.Join(", ", missing)} (tls.crt, tls.key and ca.crt are all required)");
            return null;
        }

        var material = new ProviderTlsMaterial
        {
            CertificatePem = Encoding.UTF8.GetString(secret.Data!["tls.crt"]),
            KeyPem = Encoding.UTF8.GetString(secret.Data["tls.key"]),
            CaPem = Encoding.UTF8.GetString(secret.Data["ca.crt"]),
            ServerName = serverName,
            InsecureSkipVerify = draft.Provider.Spec.Runtime.Service?.Tls?.InsecureSkipVerify == true,
        };
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(material.CertificatePem, material.KeyPem);
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPem(material.CaPem);
            if (authorities.Count == 0)
            {
                throw new CryptographicException("no certificate in ca.crt");
            }

            foreach (var authority in authorities)
            {
                authority.Dispose();
            }
        }
        catch (CryptographicException)
        {
            // The exception text could quote key material: only the fact is reported.
            draft.Set(ProviderConditions.TlsConfigured, ConditionStatus.False, ProviderConditions.ReasonTlsSecretInvalid,
                $"Secret {draft.Namespace}/{secretName}: tls.crt and tls.key must be a PEM certificate and its private key, and ca.crt PEM CA certificates");
            return null;
        }

        return material;
    }

    private static JsonObject Json(Client.Models.CoreV1.Service service) => RemoteProviderResources.ToJson(service);

    /// <summary>Whether the value at <paramref name="path"/> in <paramref name="desired"/> is contained in <paramref name="existing"/>'s.</summary>
    private static bool JsonContains(JsonObject existing, JsonObject desired, params string[] path)
    {
        JsonNode? a = existing;
        JsonNode? b = desired;
        foreach (var step in path)
        {
            a = a?[step];
            b = b?[step];
        }

        return JsonSubset.Contains(a, b);
    }
}

using System.Globalization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Runtime;
using Core = VirtRigaud.Api.Machinery.Core;

namespace VirtRigaud.Controllers.ProviderRuntime;

public sealed partial class ProviderReconciler
{
    /// <summary>
    /// Local: the provider binary for <c>spec.type</c> as a child process on loopback ports, with the credentials Secret
    /// as files and the Remote pod's environment. Its state (from <see cref="LocalProviderSupervisor"/>) is the runtime
    /// state; process changes enqueue the Provider, so nothing is polled here.
    /// </summary>
    private async Task<RuntimeOutcome> ReconcileLocalAsync(ObjectKey key, ProviderStatusDraft draft, ProviderTlsPosture posture, CancellationToken cancellationToken)
    {
        var provider = draft.Provider;
        var outcome = new RuntimeOutcome { AvailableReason = ProviderConditions.ReasonLocalAvailable };
        draft.Runtime = draft.Runtime with { ServiceRef = null, ReadyReplicas = null, AvailableReplicas = null };

        var command = LocalProviderBinaries.Resolve(_options.Local.BinaryDirectory, provider.Spec.Type);
        if (command is null)
        {
            var message = $"provider binary {LocalProviderBinaries.Candidates(_options.Local.BinaryDirectory, provider.Spec.Type)} not found (--provider-binary-dir): "
                + $"build or install {LocalProviderBinaries.FileName(provider.Spec.Type)} there, or use spec.runtime.mode Remote or External";
            return await LocalNotRunnableAsync(key, draft, outcome, ProviderConditions.ReasonBinaryNotFound, message, _options.ErrorRequeue).ConfigureAwait(false);
        }

        var secretName = provider.Spec.CredentialSecretRef.Name;
        var credentials = _secrets.Get(key.Namespace, secretName);
        if (credentials is null)
        {
            // The Secret appearing is an event (Secrets are watched): no polling.
            var message = $"Secret {key.Namespace}/{secretName} (spec.credentialSecretRef) not found; its keys become the files of the provider's --credentials-dir";
            return await LocalNotRunnableAsync(key, draft, outcome, ProviderConditions.ReasonCredentialsNotFound, message, null).ConfigureAwait(false);
        }

        var instance = LocalProviderBinaries.InstanceDirectory(_options.Local, key.Namespace, key.Name);
        var (environment, problem) = await ResolveEnvironmentAsync(provider, instance, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            _metrics.RecordError("runtime-spec-invalid");
            return await LocalNotRunnableAsync(key, draft, outcome, ProviderConditions.ReasonInvalidConfiguration, problem, null).ConfigureAwait(false);
        }

        var spec = new LocalLaunchSpec
        {
            Key = key,
            Owner = provider,
            Command = command,
            Environment = environment,
            Credentials = credentials.Data ?? new Dictionary<string, byte[]>(),
            Tls = posture.Enabled,
        };

        LocalProcessStatus process;
        try
        {
            process = await _supervisor.EnsureAsync(spec).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            ProviderRuntimeLog.LocalPrepareFailed(_logger, e, key.Namespace, key.Name);
            var message = $"the provider's files under --local-provider-state-dir {_options.Local.StateDirectory} could not be prepared: {e.Message}";
            return await LocalNotRunnableAsync(key, draft, outcome, ProviderConditions.ReasonInvalidConfiguration, message, _options.ErrorRequeue).ConfigureAwait(false);
        }

        draft.Runtime = draft.Runtime with { Endpoint = process.Endpoint };
        switch (process.State)
        {
            case LocalProcessState.Running:
                draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.True, ProviderConditions.ReasonProcessRunning, process.Message);
                draft.Phase(ProviderRuntimePhase.Running, process.Message);
                return outcome with
                {
                    Target = new Providers.ProviderTarget
                    {
                        Namespace = key.Namespace,
                        Name = key.Name,
                        ProviderType = ProviderRuntimeNames.TypeName(provider.Spec.Type),
                        Endpoint = process.Endpoint!,
                        Tls = process.Tls,
                    },
                };
            case LocalProcessState.BackingOff:
                draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonProcessExited, process.Message);
                draft.Phase(ProviderRuntimePhase.Failed, process.Message);
                return outcome with { NotReadyMessage = "the provider process is not running: " + process.Message };
            case LocalProcessState.Stopped:
                draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonProcessExited, process.Message);
                draft.Phase(ProviderRuntimePhase.Stopping, process.Message);
                return outcome with { NotReadyMessage = "the provider process is stopping: " + process.Message };
            default:
                draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonProcessStarting, process.Message);
                draft.Phase(ProviderRuntimePhase.Pending, process.Message);
                return outcome with { NotReadyMessage = "the provider process is starting: " + process.Message };
        }
    }

    private async Task<RuntimeOutcome> LocalNotRunnableAsync(ObjectKey key, ProviderStatusDraft draft, RuntimeOutcome outcome, string reason, string message, TimeSpan? requeue)
    {
        await _supervisor.StopAsync(key).ConfigureAwait(false);
        draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, reason, message);
        draft.Phase(ProviderRuntimePhase.Failed, message);
        draft.Runtime = draft.Runtime with { Endpoint = null };
        return outcome with { NotReadyMessage = message, RequeueAfter = requeue };
    }

    /// <summary>
    /// The process environment: the pod's variables (namespace and name written out), the type's defaults, then
    /// <c>spec.runtime.env</c> with <c>valueFrom</c> resolved the way the kubelet would for the pod — Secret and ConfigMap
    /// keys of the Provider's namespace, and the Provider's own metadata for fieldRef. Returns the problem instead when
    /// a reference cannot be resolved (never a secret value).
    /// </summary>
    private async Task<(IReadOnlyList<KeyValuePair<string, string>> Environment, string? Problem)> ResolveEnvironmentAsync(Api.V1Beta1.Provider provider, string instance, CancellationToken cancellationToken)
    {
        var result = new List<KeyValuePair<string, string>>();
        var builtIn = ProviderContainerEnv.ForProcess(provider);
        var userCount = provider.Spec.Runtime.Env?.Count ?? 0;
        for (var i = 0; i < builtIn.Count; i++)
        {
            if (i == builtIn.Count - userCount)
            {
                result.AddRange(LocalProviderBinaries.Defaults(provider.Spec.Type, instance));
            }

            var variable = builtIn[i];
            if (variable.ValueFrom is null)
            {
                result.Add(new(variable.Name, variable.Value ?? ""));
                continue;
            }

            var (value, problem) = await ResolveAsync(provider, variable, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return ([], $"spec.runtime.env[{(i - (builtIn.Count - userCount)).ToString(CultureInfo.InvariantCulture)}] ({variable.Name}): {problem}");
            }

            if (value is not null)
            {
                result.Add(new(variable.Name, value));
            }
        }

        if (userCount == 0)
        {
            result.AddRange(LocalProviderBinaries.Defaults(provider.Spec.Type, instance));
        }

        return (result, null);
    }

    private async Task<(string? Value, string? Problem)> ResolveAsync(Api.V1Beta1.Provider provider, Core.EnvVar variable, CancellationToken cancellationToken)
    {
        var ns = provider.Metadata.Namespace ?? "";
        var from = variable.ValueFrom!;
        if (from.SecretKeyRef is { } secretRef)
        {
            var secret = _secrets.Get(ns, secretRef.Name ?? "");
            if (secret?.Data?.TryGetValue(secretRef.Key, out var bytes) == true)
            {
                return (System.Text.Encoding.UTF8.GetString(bytes), null);
            }

            return secretRef.Optional == true ? (null, null) : (null, $"key {secretRef.Key} of Secret {ns}/{secretRef.Name} not found");
        }

        if (from.ConfigMapKeyRef is { } configMapRef)
        {
            try
            {
                var configMap = await _client.Core.ConfigMaps(ns).GetAsync(configMapRef.Name ?? "", cancellationToken).ConfigureAwait(false);
                if (configMap.Data?.TryGetValue(configMapRef.Key, out var text) == true)
                {
                    return (text, null);
                }
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
            }

            return configMapRef.Optional == true ? (null, null) : (null, $"key {configMapRef.Key} of ConfigMap {ns}/{configMapRef.Name} not found");
        }

        if (from.FieldRef is { } fieldRef)
        {
            var metadata = provider.Metadata;
            var path = fieldRef.FieldPath;
            string? value = path switch
            {
                "metadata.name" => metadata.Name,
                "metadata.namespace" => metadata.Namespace,
                "metadata.uid" => metadata.Uid,
                _ when path.StartsWith("metadata.labels['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal) =>
                    metadata.Label(path["metadata.labels['".Length..^2]) ?? "",
                _ when path.StartsWith("metadata.annotations['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal) =>
                    metadata.Annotation(path["metadata.annotations['".Length..^2]) ?? "",
                _ => null,
            };
            return value is null
                ? (null, $"fieldRef {path} has no meaning for a Local process (supported: metadata.name, metadata.namespace, metadata.uid, metadata.labels['…'], metadata.annotations['…'] of the Provider)")
                : (value, null);
        }

        return (null, "resourceFieldRef has no meaning for a Local process (it has no container resources)");
    }

    /// <summary>The product version of a .NET provider binary (its <c>.dll</c>), or null.</summary>
    private string? BinaryVersion(ProviderType type)
    {
        var binary = LocalProviderBinaries.Resolve(_options.Local.BinaryDirectory, type)?.Binary;
        var dll = binary is null ? null : binary.EndsWith(".dll", StringComparison.Ordinal) ? binary : binary + ".dll";
        if (dll is null || !File.Exists(dll))
        {
            return null;
        }

        var version = System.Diagnostics.FileVersionInfo.GetVersionInfo(dll).ProductVersion;
        return string.IsNullOrEmpty(version) ? null : version;
    }
}

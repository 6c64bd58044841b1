using System.Globalization;
using System.Text.Json;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.VirtualMachines;

public sealed partial class VirtualMachineReconciler
{
    private const int ImageStatusWriteAttempts = 5;

    /// <summary>
    /// Image prepare on first use (ADR-0005, §3.2): only for a VM about to be created whose image is not usable in
    /// place on its provider. <c>prepare.onMissing</c>: Import (default) prepares it, Wait and Fail hold the VM.
    /// Returns a result while the VM must wait; null when Create may go ahead.
    /// </summary>
    /// <remarks>
    /// The VMImage's status is shared by every VM (and provider) using the image, so it is read-modify-written with
    /// retry on conflict, and only when it changes. <c>status.prepareTaskRef</c> holds
    /// <c>&lt;provider name&gt;/&lt;task id&gt;</c> (upstream stored the bare id, which cannot tell two providers'
    /// imports apart): one import at a time per image; a VM on another provider waits for it, then imports its own.
    /// An import that fails is retried <c>prepare.retries</c> times (default 3) per image generation and provider, an
    /// import running longer than <c>prepare.timeout</c> (default 30 min) counts as failed.
    /// </remarks>
    private async Task<ReconcileResult?> PrepareImageAsync(ObjectKey key, Draft draft, ProviderConnection connection, Dependencies dependencies, CancellationToken cancellationToken)
    {
        if (dependencies.Image is not { } image
            || !ImagePrepareRules.NeedsPrepare(image, dependencies.ProviderName, dependencies.Capabilities?.SupportsImageImport == true))
        {
            return null;
        }

        var providerName = dependencies.ProviderName;
        var imageName = $"{image.Metadata.Namespace}/{image.Metadata.Name}";
        switch (image.Spec.Prepare?.OnMissing ?? ImageMissingAction.Import)
        {
            case ImageMissingAction.Fail:
                {
                    var message = $"VMImage {imageName} is not available on provider {providerName} and its prepare.onMissing is Fail";
                    await UpdateImageStatusAsync(image, s => s with { Ready = false, Phase = VMImagePhase.Failed, Message = message }, VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonMissingOnProvider, message, cancellationToken).ConfigureAwait(false);
                    return Wait(draft, message, VirtualMachineConventions.ReasonMissingOnProvider);
                }

            case ImageMissingAction.Wait:
                {
                    var message = $"VMImage {imageName} is not available on provider {providerName} yet (prepare.onMissing is Wait)";
                    await UpdateImageStatusAsync(image, s => s with { Ready = false, Phase = VMImagePhase.Pending, Message = message }, VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonWaitingForImage, message, cancellationToken).ConfigureAwait(false);
                    return Wait(draft, message, VirtualMachineConventions.ReasonWaitingForImage);
                }
        }

        var subject = $"{imageName}@{providerName}";
        var scope = "generation:" + (image.Metadata.Generation ?? 0).ToString(CultureInfo.InvariantCulture);
        var allowed = (image.Spec.Prepare?.Retries ?? 3) + 1;
        var (owner, prepareTask) = ParsePrepareTask(image.Status?.PrepareTaskRef);
        draft.Operation = VmOperation.ImagePrepare;
        if (owner == providerName && prepareTask is not null)
        {
            var timeout = image.Spec.Prepare?.Timeout?.Value ?? Options.DefaultImagePrepareTimeout;
            var (outcome, error) = await PollAsync(key, draft, connection, prepareTask, cancellationToken).ConfigureAwait(false);
            draft.Operation = VmOperation.ImagePrepare;
            if (outcome == TaskOutcome.Running && image.Status?.LastPrepareTime is { } started && draft.Now - started > timeout)
            {
                outcome = TaskOutcome.Failed;
                error = $"still running after prepare.timeout {timeout}";
            }

            switch (outcome)
            {
                case TaskOutcome.Running:
                    return Preparing(key, draft, connection, prepareTask, imageName, providerName);
                case TaskOutcome.Done:
                    var entry = image.Status?.ProviderStatus?.GetValueOrDefault(providerName);
                    await MarkPreparedAsync(image, providerName, entry?.Id, entry?.Path, cancellationToken).ConfigureAwait(false);
                    _budget.Succeeded(subject, nameof(VmOperation.ImagePrepare));
                    VirtualMachineLog.ImagePrepare(_logger, key.ToString(), imageName, providerName, "prepared");

                    // The cache has not seen the prepared status yet; the VMImage watch brings the VM back when it has.
                    return ReconcileResult.After(Options.TaskPollInterval);
                default:
                    return await ImagePrepareFailedAsync(key, draft, image, subject, scope, allowed, $"preparing VMImage {imageName} on provider {providerName} failed: {error}", cancellationToken).ConfigureAwait(false);
            }
        }

        var slotTimeout = image.Spec.Prepare?.Timeout?.Value ?? Options.DefaultImagePrepareTimeout;
        if (owner is not null && owner != providerName
            && image.Status?.ProviderStatus?.GetValueOrDefault(owner) is not { Available: true }
            && !(image.Status?.LastPrepareTime is { } since && draft.Now - since > slotTimeout))
        {
            // Another provider's import owns the image's single task slot; ours starts when it is done.
            var message = $"VMImage {imageName} is being prepared on provider {owner}; it is prepared on provider {providerName} after that";
            draft.Set(VirtualMachineConventions.ConditionProvisioning, ConditionStatus.True, VirtualMachineConventions.ReasonTaskInProgress, message);
            draft.Status = draft.Status with { Phase = VirtualMachinePhase.Provisioning, Message = message };
            return ReconcileResult.After(Options.TaskPollInterval);
        }

        if (_budget.Failures(subject, nameof(VmOperation.ImagePrepare), scope) >= allowed)
        {
            var message = $"preparing VMImage {imageName} on provider {providerName} failed {allowed} times (prepare.retries {allowed - 1}); not retried until the VMImage changes: {image.Status?.ProviderStatus?.GetValueOrDefault(providerName)?.Message}";
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonBackoffLimitExceeded, message);
            draft.Status = draft.Status with { Phase = VirtualMachinePhase.Failed, Message = message };
            return ReconcileResult.Done;
        }

        var response = await connection.ImagePrepareAsync(new ImagePrepareRequest
        {
            ImageJson = ProviderPayloads.SerializeImageSpec(image.Spec),
            TargetName = image.Metadata.Name ?? "",
        }, cancellationToken).ConfigureAwait(false);
        _events.Event(draft.Vm, EventTypes.Normal, "ImagePrepare", $"preparing VMImage {imageName} on provider {providerName}");
        if (response.Task is { Id.Length: > 0 } task)
        {
            var now = _time.GetUtcNow();
            await UpdateImageStatusAsync(image, s => s with
            {
                PrepareTaskRef = providerName + "/" + task.Id,
                Phase = VMImagePhase.Importing,
                Ready = s.AvailableOn is { Count: > 0 },
                LastPrepareTime = now,
                Message = $"importing on provider {providerName}",
                ProviderStatus = With(s.ProviderStatus, providerName, new ImageProviderStatus { Available = false, Id = NullIfEmpty(response.PreparedImageId), Path = NullIfEmpty(response.PreparedImagePath), LastUpdated = now, Message = "importing" }),
            }, VirtualMachineConventions.ConditionImporting, ConditionStatus.True, VirtualMachineConventions.ReasonImporting, $"importing on provider {providerName}", cancellationToken).ConfigureAwait(false);
            return Preparing(key, draft, connection, task.Id, imageName, providerName);
        }

        await MarkPreparedAsync(image, providerName, response.PreparedImageId, response.PreparedImagePath, cancellationToken).ConfigureAwait(false);
        _budget.Succeeded(subject, nameof(VmOperation.ImagePrepare));
        VirtualMachineLog.ImagePrepare(_logger, key.ToString(), imageName, providerName, "prepared");
        return ReconcileResult.After(Options.TaskPollInterval);
    }

    /// <summary>An import failed (task error or timeout): the VMImage and the VM say so; retried with back-off within the image's budget.</summary>
    private async Task<ReconcileResult> ImagePrepareFailedAsync(ObjectKey key, Draft draft, VMImage image, string subject, string scope, int allowed, string message, CancellationToken cancellationToken)
    {
        var providerName = subject[(subject.LastIndexOf('@') + 1)..];
        _metrics.RecordError("image-prepare");
        var attempts = _budget.Fail(subject, nameof(VmOperation.ImagePrepare), scope);
        await UpdateImageStatusAsync(image, s => s with
        {
            PrepareTaskRef = null,
            Phase = s.AvailableOn is { Count: > 0 } ? s.Phase : VMImagePhase.Failed,
            Ready = s.AvailableOn is { Count: > 0 },
            Message = message,
            ProviderStatus = With(s.ProviderStatus, providerName, new ImageProviderStatus { Available = false, LastUpdated = draft.Now, Message = message }),
        }, VirtualMachineConventions.ConditionImporting, ConditionStatus.False, VirtualMachineConventions.ReasonTaskFailed, message, cancellationToken).ConfigureAwait(false);
        _events.Event(draft.Vm, EventTypes.Warning, "ImagePrepareFailed", message);
        draft.Status = draft.Status with { Phase = VirtualMachinePhase.Failed, Message = message };
        if (attempts >= allowed)
        {
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonBackoffLimitExceeded, $"{message}; failed {attempts} times, not retried until the VMImage changes");
            return ReconcileResult.Done;
        }

        draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonTaskFailed, message);
        return ReconcileResult.After(_requeue.AfterFailure(attempts));
    }

    private ReconcileResult Wait(Draft draft, string message, string reason = VirtualMachineConventions.ReasonWaitingForDependencies)
    {
        draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, reason, message);
        draft.Status = draft.Status with { Phase = VirtualMachinePhase.Pending, Message = message };
        return ReconcileResult.After(Options.DependencyRetryInterval);
    }

    private ReconcileResult Preparing(ObjectKey key, Draft draft, ProviderConnection connection, string taskId, string imageName, string providerName)
    {
        var message = $"preparing VMImage {imageName} on provider {providerName}";
        draft.Set(VirtualMachineConventions.ConditionProvisioning, ConditionStatus.True, VirtualMachineConventions.ReasonTaskInProgress, message);
        draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonWaitingForDependencies, message);
        draft.Status = draft.Status with { Phase = VirtualMachinePhase.Provisioning, Message = message };
        return WaitForTask(key, connection, taskId);
    }

    private Task MarkPreparedAsync(VMImage image, string providerName, string? id, string? path, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return UpdateImageStatusAsync(image, s => s with
        {
            PrepareTaskRef = ParsePrepareTask(s.PrepareTaskRef).Owner == providerName ? null : s.PrepareTaskRef,
            Ready = true,
            Phase = VMImagePhase.Ready,
            Message = null,
            AvailableOn = s.AvailableOn?.Contains(providerName) == true ? s.AvailableOn : [.. s.AvailableOn ?? [], providerName],
            ProviderStatus = With(s.ProviderStatus, providerName, new ImageProviderStatus { Available = true, Id = NullIfEmpty(id), Path = NullIfEmpty(path), LastUpdated = now, Message = "image prepared" }),
            Conditions = Conditions.Set(s.Conditions, VirtualMachineConventions.ConditionImporting, ConditionStatus.False, VirtualMachineConventions.ReasonPrepared, $"prepared on provider {providerName}", image.Metadata.Generation, now),
        }, VirtualMachineConventions.ConditionReady, ConditionStatus.True, VirtualMachineConventions.ReasonPrepared, $"prepared on provider {providerName}", cancellationToken);
    }

    /// <summary>
    /// Read-modify-write of a VMImage's status with retry on conflict (several VMs, and the VMImage controller, write
    /// it). Skipped when the change would not alter the cached status, so a thousand VMs waiting on one image do not
    /// rewrite it on every pass.
    /// </summary>
    private async Task UpdateImageStatusAsync(VMImage image, Func<VMImageStatus, VMImageStatus> mutate, string conditionType, ConditionStatus status, string reason, string message, CancellationToken cancellationToken)
    {
        VMImageStatus Apply(VMImage current)
        {
            var next = mutate(current.Status ?? new VMImageStatus());
            return next with
            {
                ObservedGeneration = current.Metadata.Generation,
                Conditions = Conditions.Set(next.Conditions, conditionType, status, reason, message, current.Metadata.Generation, _time.GetUtcNow()),
            };
        }

        if (Same(image.Status, Apply(image)))
        {
            return;
        }

        var images = _client.VMImages(image.Metadata.Namespace);
        for (var attempt = 1; ; attempt++)
        {
            var current = await images.GetAsync(image.Metadata.Name ?? "", cancellationToken).ConfigureAwait(false);
            var next = Apply(current);
            if (Same(current.Status, next))
            {
                return;
            }

            try
            {
                await images.UpdateStatusAsync(current with { Status = next }, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < ImageStatusWriteAttempts)
            {
                // Another writer won; read again.
            }
        }
    }

    private static bool Same(VMImageStatus? a, VMImageStatus b) =>
        JsonSerializer.Serialize(a ?? new VMImageStatus(), V1Beta1JsonContext.Default.VMImageStatus) == JsonSerializer.Serialize(b, V1Beta1JsonContext.Default.VMImageStatus);

    /// <summary><c>&lt;provider&gt;/&lt;task&gt;</c> (provider names are DNS labels, so the first '/' splits); a bare upstream id has no owner.</summary>
    private static (string? Owner, string? Task) ParsePrepareTask(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (null, null);
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? (null, null) : (value[..slash], value[(slash + 1)..]);
    }

    private static IReadOnlyDictionary<string, ImageProviderStatus> With(IReadOnlyDictionary<string, ImageProviderStatus>? map, string key, ImageProviderStatus value) =>
        new Dictionary<string, ImageProviderStatus>(map ?? new Dictionary<string, ImageProviderStatus>(), StringComparer.Ordinal) { [key] = value };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Snapshots;

public sealed partial class VMSnapshotReconciler
{
    /// <summary>Applies the retention policy to a created snapshot (see <see cref="SnapshotRetention"/>).</summary>
    private ReconcileResult Retain(ObjectKey key, Draft draft, bool vmGone)
    {
        // Once orphaned, always orphaned: a new VirtualMachine of the same name is not the one the snapshot was taken of.
        var orphaned = Conditions.Find(draft.Status.Conditions, VMSnapshotConventions.ConditionReady)?.Reason == VMSnapshotConventions.ReasonVMDeleted;
        var decision = SnapshotRetention.Decide(draft.Snapshot with { Status = draft.Status }, vmGone || orphaned, Siblings(draft.Snapshot), draft.Now);
        return ApplyRetention(key, draft, decision, vmGone || orphaned);
    }

    private ReconcileResult ApplyRetention(ObjectKey key, Draft draft, RetentionDecision decision, bool vmGone = true)
    {
        var wasExpired = draft.Snapshot.Status?.Phase == SnapshotPhase.Expired;
        var expiredReason = vmGone ? VMSnapshotConventions.ReasonVMDeleted : VMSnapshotConventions.ReasonExpired;
        switch (decision.Action)
        {
            case RetentionAction.Keep:
                draft.Status = draft.Status with { Phase = SnapshotPhase.Ready, ExpiryTime = decision.ExpiryTime, Message = null };
                draft.Remove(VMSnapshotConventions.ConditionExpired);
                SetReady(draft);
                if (wasExpired)
                {
                    VMSnapshotLog.Retention(_logger, key.ToString(), "no longer expired; kept");
                }

                return decision.NextCheck is { } next ? ReconcileResult.After(next - draft.Now) : ReconcileResult.Done;

            case RetentionAction.Expire:
                draft.Status = draft.Status with { Phase = SnapshotPhase.Expired, ExpiryTime = decision.ExpiryTime, Message = decision.Message };
                draft.Set(VMSnapshotConventions.ConditionExpired, ConditionStatus.True, VMSnapshotConventions.ReasonExpired, decision.Message!);
                if (!wasExpired)
                {
                    VMSnapshotLog.Retention(_logger, key.ToString(), decision.Message!);
                    _events.Event(draft.Snapshot, EventTypes.Normal, VMSnapshotConventions.EventExpired, decision.Message!);
                }

                return ReconcileResult.After(decision.DeleteAt!.Value - draft.Now);

            case RetentionAction.Delete:
                draft.Status = draft.Status with { Phase = SnapshotPhase.Expired, ExpiryTime = decision.ExpiryTime ?? draft.Status.ExpiryTime, Message = decision.Message };
                draft.Set(VMSnapshotConventions.ConditionExpired, ConditionStatus.True, expiredReason, decision.Message!);
                VMSnapshotLog.Retention(_logger, key.ToString(), "deleting: " + decision.Message);
                _events.Event(draft.Snapshot, EventTypes.Normal, VMSnapshotConventions.EventExpired, "deleting the VMSnapshot: " + decision.Message);
                draft.DeleteSelf = true;
                return ReconcileResult.Done;

            default:
                draft.Status = draft.Status with
                {
                    Phase = SnapshotPhase.Expired,
                    ExpiryTime = null,
                    Message = decision.Message,
                    TaskRef = null,
                    ProviderStatus = draft.Status.ProviderStatus?.ToDictionary(
                        e => e.Key, e => e.Value with { Available = false, State = "deleted", LastUpdated = e.Value.Available ? draft.Now : e.Value.LastUpdated }, StringComparer.Ordinal),
                };
                draft.Set(VMSnapshotConventions.ConditionReady, ConditionStatus.False, VMSnapshotConventions.ReasonVMDeleted, decision.Message!);
                draft.Set(VMSnapshotConventions.ConditionExpired, ConditionStatus.True, VMSnapshotConventions.ReasonVMDeleted, decision.Message!);
                if (!wasExpired)
                {
                    VMSnapshotLog.Retention(_logger, key.ToString(), decision.Message!);
                    _events.Event(draft.Snapshot, EventTypes.Normal, VMSnapshotConventions.EventExpired, decision.Message!);
                }

                return ReconcileResult.Done;
        }
    }
}

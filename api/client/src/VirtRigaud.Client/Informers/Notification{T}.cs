using VirtRigaud.Client.Cache;

namespace VirtRigaud.Client.Informers;

/// <summary>One queued delivery to a handler (client-go's add/update/deleteNotification), or the marker that ends a handler's initial adds.</summary>
internal readonly record struct Notification<T>(NotificationKind Kind, T? Object, T? OldObject = null, bool IsInInitialList = false, DeletedFinalStateUnknown<T>? Tombstone = null)
    where T : class
{
    public static Notification<T> SyncedMarker { get; } = new(NotificationKind.Synced, null);

    public override string ToString() => Kind.ToString();
}

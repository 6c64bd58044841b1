namespace VirtRigaud.Client.Informers;

/// <summary>The kinds of <see cref="Notification{T}"/>.</summary>
internal enum NotificationKind
{
    Add,
    Update,
    Delete,

    /// <summary>Not delivered: marks that every notification of the handler's initial state was delivered.</summary>
    Synced,
}

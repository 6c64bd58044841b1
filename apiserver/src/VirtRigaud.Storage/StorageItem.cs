namespace VirtRigaud.Storage;

/// <summary>One key's value at one revision.</summary>
/// <param name="Key">The key, without the store's prefix.</param>
/// <param name="Value">The stored bytes.</param>
/// <param name="Revision">The revision that wrote this value (etcd's mod_revision): the object's resourceVersion.</param>
/// <param name="CreateRevision">The revision that created the key (changes when a key is deleted and created again).</param>
public sealed record StorageItem(string Key, byte[] Value, long Revision, long CreateRevision);

/// <summary>One page of a list.</summary>
/// <param name="Items">The items, in key order.</param>
/// <param name="Revision">The revision the list was read at: the list's resourceVersion.</param>
/// <param name="Continue">The token for the next page, or <c>null</c> on the last page.</param>
/// <param name="RemainingItemCount">
/// How many keys follow this page, when known: only for a paged list without a <see cref="ListOptions.Predicate"/>.
/// </param>
public sealed record StorageList(IReadOnlyList<StorageItem> Items, long Revision, string? Continue, long? RemainingItemCount);

/// <summary>What kind of change a watch event reports.</summary>
public enum StorageEventType
{
    /// <summary>The key was created.</summary>
    Added,

    /// <summary>The key's value changed.</summary>
    Modified,

    /// <summary>The key was deleted; <see cref="StorageEvent.Value"/> is its last value.</summary>
    Deleted,

    /// <summary>
    /// No change: the watch has seen every event up to <see cref="StorageEvent.Revision"/> (etcd's progress
    /// notification). Only sent when <see cref="WatchOptions.ProgressNotify"/> asks for it.
    /// </summary>
    Progress,
}

/// <summary>A change seen by a watch.</summary>
/// <param name="Type">Added, modified, deleted or progress.</param>
/// <param name="Key">The key, without the store's prefix (empty for progress events).</param>
/// <param name="Value">The new value; for deletions the last value before the deletion; empty for progress events.</param>
/// <param name="PreviousValue">The value before this change, when <see cref="WatchOptions.PreviousValues"/> asks for it and there was one.</param>
/// <param name="Revision">The revision of the change (of the deletion for deletions).</param>
/// <param name="CreateRevision">The revision that created the key (0 for progress events).</param>
public sealed record StorageEvent(StorageEventType Type, string Key, byte[] Value, byte[]? PreviousValue, long Revision, long CreateRevision);

namespace VirtRigaud.Storage;

/// <summary>What went wrong in a storage operation; the API server maps each to a Kubernetes Status.</summary>
public enum StorageErrorCode
{
    /// <summary>The key does not exist (404 NotFound).</summary>
    KeyNotFound,

    /// <summary>The key already exists (409 AlreadyExists).</summary>
    KeyExists,

    /// <summary>A precondition (resourceVersion or UID) does not hold (409 Conflict).</summary>
    Conflict,

    /// <summary>The revision asked for has been compacted away (410 Expired / Gone).</summary>
    ResourceExpired,

    /// <summary>The revision asked for is newer than the store's (504 Timeout with retry in Kubernetes).</summary>
    TooLargeResourceVersion,

    /// <summary>A continue token is malformed or does not belong to this list (400 BadRequest).</summary>
    InvalidContinue,

    /// <summary>The value is larger than the store accepts (413 RequestEntityTooLarge).</summary>
    RequestTooLarge,

    /// <summary>The backend cannot be reached (503 ServiceUnavailable).</summary>
    Unavailable,

    /// <summary>The stored data or the backend's answer is not what the store expects (500 InternalError).</summary>
    Internal,
}

/// <summary>A storage operation failed for a reason the caller can act on (see <see cref="Code"/>).</summary>
public sealed class StorageException : Exception
{
    public StorageException(StorageErrorCode code, string key, string message, long revision = 0, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Key = key;
        Revision = revision;
    }

    public StorageException()
        : this(StorageErrorCode.Internal, string.Empty, "storage error")
    {
    }

    public StorageException(string message)
        : this(StorageErrorCode.Internal, string.Empty, message)
    {
    }

    public StorageException(string message, Exception innerException)
        : this(StorageErrorCode.Internal, string.Empty, message, 0, innerException)
    {
    }

    /// <summary>The kind of failure.</summary>
    public StorageErrorCode Code { get; }

    /// <summary>The key concerned (without the store's prefix), or empty.</summary>
    public string Key { get; }

    /// <summary>The revision concerned, when there is one (the compacted revision for ResourceExpired, the current one for TooLargeResourceVersion).</summary>
    public long Revision { get; }

    public static StorageException NotFound(string key) =>
        new(StorageErrorCode.KeyNotFound, key, $"key not found: {key}");

    public static StorageException Exists(string key) =>
        new(StorageErrorCode.KeyExists, key, $"key exists: {key}");

    /// <summary>Kubernetes' wording for a stale resourceVersion in an update.</summary>
    public static StorageException ResourceVersionConflict(string key, long expected, long actual) =>
        new(StorageErrorCode.Conflict, key, $"the object has been modified; please apply your changes to the latest version and try again (resourceVersion {expected}, current {actual})", actual);

    public static StorageException UidConflict(string key, string expected, string? actual) =>
        new(StorageErrorCode.Conflict, key, $"Precondition failed: UID in precondition: {expected}, UID in object meta: {actual}");

    /// <summary>Kubernetes' wording for a revision older than the compaction point.</summary>
    public static StorageException Expired(string key, long requested, long compacted) =>
        new(StorageErrorCode.ResourceExpired, key, $"too old resource version: {requested} ({compacted})", compacted);

    public static StorageException TooLarge(string key, long requested, long current) =>
        new(StorageErrorCode.TooLargeResourceVersion, key, $"Too large resource version: {requested}, current: {current}", current);
}

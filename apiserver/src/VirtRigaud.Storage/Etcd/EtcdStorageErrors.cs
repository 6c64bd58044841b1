using VirtRigaud.Etcd;

namespace VirtRigaud.Storage.Etcd;

/// <summary>Turns the etcd client's typed exceptions into <see cref="StorageException"/>s.</summary>
internal static class EtcdStorageErrors
{
    /// <summary>Kubernetes' message for a continue token whose revision was compacted.</summary>
    public const string ContinueExpired =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    /// <summary>Runs an etcd operation for <paramref name="key"/>, translating failures that are not about revisions.</summary>
    public static async Task<T> RunAsync<T>(string key, Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (EtcdException e)
        {
            throw Translate(e, key, requestedRevision: 0, compactedRevision: 0);
        }
    }

    /// <summary>The storage error for an etcd failure; revision errors need the revision that was asked for.</summary>
    public static StorageException Translate(EtcdException e, string key, long requestedRevision, long compactedRevision) => e switch
    {
        EtcdCompactedException compacted => StorageException.Expired(key, requestedRevision, Math.Max(compacted.CompactRevision, compactedRevision)),
        EtcdFutureRevisionException => new StorageException(StorageErrorCode.TooLargeResourceVersion, key, $"Too large resource version: {requestedRevision}", 0, e),
        EtcdUnavailableException => new StorageException(StorageErrorCode.Unavailable, key, $"etcd is unavailable: {e.Message}", 0, e),
        _ when e.StatusCode == Grpc.StatusCode.DeadlineExceeded => new StorageException(StorageErrorCode.Unavailable, key, $"etcd did not answer in time: {e.Message}", 0, e),
        _ => new StorageException(StorageErrorCode.Internal, key, $"etcd failed: {e.Message}", 0, e),
    };
}

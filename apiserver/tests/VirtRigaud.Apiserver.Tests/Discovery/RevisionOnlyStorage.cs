using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Tests.Discovery;

/// <summary>
/// A store that only answers <see cref="GetCurrentRevisionAsync"/> — what the health checks call — through a
/// replaceable function (healthy, failing or hanging). The endpoints under test never call the other members.
/// </summary>
internal sealed class RevisionOnlyStorage : IStorage
{
    public Func<CancellationToken, Task<long>> Revision { get; set; } = _ => Task.FromResult(1L);

    public Task<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default) => Revision(cancellationToken);

    public Task<StorageItem?> GetAsync(string key, GetOptions options = default, CancellationToken cancellationToken = default) => throw Unused();

    public Task<StorageList> ListAsync(string prefix, ListOptions options, CancellationToken cancellationToken = default) => throw Unused();

    public Task<StorageItem> CreateAsync(string key, byte[] value, CancellationToken cancellationToken = default) => throw Unused();

    public Task<StorageItem> GuaranteedUpdateAsync(string key, Preconditions? preconditions, bool ignoreNotFound, UpdateFunction tryUpdate, StorageItem? cachedExisting = null, CancellationToken cancellationToken = default) => throw Unused();

    public Task<StorageItem> DeleteAsync(string key, Preconditions? preconditions = null, ValidateDeletion? validateDeletion = null, StorageItem? cachedExisting = null, CancellationToken cancellationToken = default) => throw Unused();

    public IAsyncEnumerable<StorageEvent> WatchAsync(string key, WatchOptions options, CancellationToken cancellationToken = default) => throw Unused();

    public Task CompactAsync(long revision, CancellationToken cancellationToken = default) => throw Unused();

    public Task<long> GetCompactedRevisionAsync(CancellationToken cancellationToken = default) => throw Unused();

    public Task<long> CountAsync(string prefix, CancellationToken cancellationToken = default) => throw Unused();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static NotSupportedException Unused() => new("the discovery, OpenAPI and health endpoints only read the current revision");
}

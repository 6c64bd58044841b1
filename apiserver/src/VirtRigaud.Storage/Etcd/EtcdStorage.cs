using Google.Protobuf;
using VirtRigaud.Etcd;
using VirtRigaud.Etcd.Protocol;

namespace VirtRigaud.Storage.Etcd;

/// <summary>
/// <see cref="IStorage"/> on etcd v3, the shape of k8s.io/apiserver's etcd3 store: every write is a transaction that
/// compares the key's revision (create: create_revision == 0; update and delete: mod_revision == the revision read)
/// and reads the key back on failure, so a conflict costs no extra round trip. Revisions are etcd's own.
/// </summary>
/// <remarks>
/// <list type="table">
///   <listheader><term>operation</term><description>etcd requests</description></listheader>
///   <item><term>Get / Count / current revision</term><description>Range (count_only for counts)</description></item>
///   <item><term>List</term><description>Range over [prefix, prefix+1) at one pinned revision with limit; more Ranges when a predicate drops items</description></item>
///   <item><term>Create</term><description>Txn(create_revision == 0 → Put)</description></item>
///   <item><term>GuaranteedUpdate</term><description>Txn(mod_revision == rev → Put, else Range), repeated on conflict</description></item>
///   <item><term>Delete</term><description>Txn(mod_revision == rev → DeleteRange prev_kv, else Range), repeated on conflict</description></item>
///   <item><term>Watch</term><description>a watch on the client's shared stream, start_revision = StartRevision + 1, prev_kv always</description></item>
///   <item><term>Compact</term><description>Txn on <c>{prefix}#compact_rev_key</c> (API servers sharing the prefix agree on one compaction), then Compact(physical)</description></item>
/// </list>
/// Keys are stored as <see cref="StorageOptions.Prefix"/> + key, so installs with different prefixes share an etcd.
/// </remarks>
public sealed partial class EtcdStorage : IStorage
{
    private readonly EtcdClient _client;
    private readonly bool _ownsClient;
    private readonly string _prefix;
    private readonly int _maxValueBytes;
    private readonly ByteString _compactKey;

    /// <summary>A store on <paramref name="client"/>; the client is disposed with the store when <paramref name="ownsClient"/>.</summary>
    public EtcdStorage(EtcdClient client, StorageOptions options, bool ownsClient = false)
    {
        _client = client;
        _ownsClient = ownsClient;
        _prefix = options.Prefix.TrimEnd('/');
        _maxValueBytes = options.MaxValueBytes;

        // Outside every list range ("{prefix}/..."), so no list or watch of this install ever sees it.
        _compactKey = ByteString.CopyFromUtf8(_prefix + "#compact_rev_key");
    }

    public Task<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default) =>
        EtcdStorageErrors.RunAsync(string.Empty, async () =>
            (await _client.RangeAsync(new RangeRequest { Key = _compactKey, CountOnly = true }, null, cancellationToken).ConfigureAwait(false)).Header.Revision);

    public async Task<StorageItem?> GetAsync(string key, GetOptions options = default, CancellationToken cancellationToken = default)
    {
        var response = await EtcdStorageErrors.RunAsync(key, () => _client.RangeAsync(new RangeRequest { Key = Full(key) }, null, cancellationToken)).ConfigureAwait(false);
        if (options.MinimumRevision > 0 && response.Header.Revision < options.MinimumRevision)
        {
            throw StorageException.TooLarge(key, options.MinimumRevision, response.Header.Revision);
        }

        if (response.Kvs.Count == 0)
        {
            return options.IgnoreNotFound ? null : throw StorageException.NotFound(key);
        }

        return Item(response.Kvs[0]);
    }

    public Task<long> CountAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var full = Full(WithSlash(prefix));
        return EtcdStorageErrors.RunAsync(prefix, async () =>
            (await _client.RangeAsync(new RangeRequest { Key = full, RangeEnd = EtcdKeys.PrefixEnd(full), CountOnly = true }, null, cancellationToken).ConfigureAwait(false)).Count);
    }

    public async Task<StorageList> ListAsync(string prefix, ListOptions options, CancellationToken cancellationToken = default)
    {
        prefix = WithSlash(prefix);
        var full = Full(prefix);
        var end = EtcdKeys.PrefixEnd(full);
        var start = full;
        long revision = 0;
        var continued = false;
        if (options.Continue is { Length: > 0 } token)
        {
            (revision, var startKey) = ContinueToken.Decode(prefix, token);
            start = Full(startKey);
            continued = true;
        }
        else if (options.Revision > 0 && options.Match == RevisionMatch.Exact)
        {
            revision = options.Revision;
        }

        var items = new List<StorageItem>();
        var limit = options.Limit;
        string? lastKey = null;
        long? remaining = null;
        var more = false;
        while (true)
        {
            var request = new RangeRequest { Key = start, RangeEnd = end, Revision = revision, Limit = limit > 0 ? limit - items.Count : 0 };
            RangeResponse response;
            try
            {
                response = await _client.RangeAsync(request, null, cancellationToken).ConfigureAwait(false);
            }
            catch (EtcdCompactedException e) when (continued)
            {
                throw new StorageException(StorageErrorCode.ResourceExpired, prefix, EtcdStorageErrors.ContinueExpired, e.CompactRevision, e);
            }
            catch (EtcdException e)
            {
                throw EtcdStorageErrors.Translate(e, prefix, revision, await CompactedOrZeroAsync(cancellationToken).ConfigureAwait(false));
            }

            if (revision == 0)
            {
                // Later pages of this call read at the revision of the first, so the list is one consistent snapshot.
                revision = response.Header.Revision;
                if (options.Revision > 0 && options.Match != RevisionMatch.Exact && revision < options.Revision)
                {
                    throw StorageException.TooLarge(prefix, options.Revision, revision);
                }
            }

            var index = 0;
            for (; index < response.Kvs.Count && (limit == 0 || items.Count < limit); index++)
            {
                var item = Item(response.Kvs[index]);
                lastKey = item.Key;
                if (options.Predicate is null || options.Predicate(item))
                {
                    items.Add(item);
                }
            }

            more = index < response.Kvs.Count || response.More;
            if (options.Predicate is null && limit > 0 && more)
            {
                remaining = response.Count - index;
            }

            if (!response.More || (limit > 0 && items.Count >= limit))
            {
                break;
            }

            start = ByteString.CopyFromUtf8(_prefix + lastKey + "\0");
        }

        var next = limit > 0 && more && lastKey is not null ? ContinueToken.Encode(prefix, lastKey, revision) : null;
        return new StorageList(items, revision, next, next is null ? null : remaining);
    }

    public async Task CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var recorded = await EtcdStorageErrors.RunAsync(string.Empty, () => _client.RangeAsync(new RangeRequest { Key = _compactKey }, null, cancellationToken)).ConfigureAwait(false);
            var (compacted, modRevision) = recorded.Kvs.Count == 0 ? (0L, 0L) : (ParseRevision(recorded.Kvs[0].Value), recorded.Kvs[0].ModRevision);
            if (revision <= compacted)
            {
                return;
            }

            if (revision > recorded.Header.Revision)
            {
                throw StorageException.TooLarge(string.Empty, revision, recorded.Header.Revision);
            }

            // Only the API server whose transaction moves the recorded point compacts; the others see the new value.
            var claim = await EtcdStorageErrors.RunAsync(string.Empty, () => _client.TxnAsync(new TxnRequest
            {
                Compare = { EtcdCompare.ModRevision(_compactKey, Compare.Types.CompareResult.Equal, modRevision) },
                Success = { EtcdOp.Put(_compactKey, ByteString.CopyFromUtf8(revision.ToString(System.Globalization.CultureInfo.InvariantCulture))) },
            }, null, cancellationToken)).ConfigureAwait(false);
            if (!claim.Succeeded)
            {
                continue;
            }

            try
            {
                await _client.CompactAsync(new CompactionRequest { Revision = revision, Physical = true }, null, cancellationToken).ConfigureAwait(false);
            }
            catch (EtcdCompactedException)
            {
                // etcd itself is already compacted further (another prefix's store, or etcd's auto-compaction).
            }
            catch (EtcdException e)
            {
                throw EtcdStorageErrors.Translate(e, string.Empty, revision, 0);
            }

            return;
        }
    }

    public async Task<long> GetCompactedRevisionAsync(CancellationToken cancellationToken = default)
    {
        var recorded = await EtcdStorageErrors.RunAsync(string.Empty, () => _client.RangeAsync(new RangeRequest { Key = _compactKey }, null, cancellationToken)).ConfigureAwait(false);
        return recorded.Kvs.Count == 0 ? 0 : ParseRevision(recorded.Kvs[0].Value);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsClient)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string WithSlash(string prefix) => prefix.EndsWith('/') ? prefix : prefix + "/";

    private static long ParseRevision(ByteString value) =>
        long.TryParse(value.ToStringUtf8(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    private ByteString Full(string key) => ByteString.CopyFromUtf8(_prefix + key);

    private string Strip(ByteString fullKey) => fullKey.ToStringUtf8()[_prefix.Length..];

    private StorageItem Item(KeyValue kv) => new(Strip(kv.Key), kv.Value.ToByteArray(), kv.ModRevision, kv.CreateRevision);

    private async Task<long> CompactedOrZeroAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await GetCompactedRevisionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException)
        {
            return 0;
        }
    }
}

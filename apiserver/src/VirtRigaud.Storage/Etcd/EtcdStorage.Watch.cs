using System.Runtime.CompilerServices;
using VirtRigaud.Etcd;
using VirtRigaud.Etcd.Protocol;

namespace VirtRigaud.Storage.Etcd;

/// <summary>Watch: one watch on the client's shared stream per call, events translated to <see cref="StorageEvent"/>s.</summary>
public sealed partial class EtcdStorage
{
    public async IAsyncEnumerable<StorageEvent> WatchAsync(string key, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (options.Recursive)
        {
            key = WithSlash(key);
        }

        var full = Full(key);
        var request = new WatchCreateRequest
        {
            Key = full,
            RangeEnd = options.Recursive ? EtcdKeys.PrefixEnd(full) : Google.Protobuf.ByteString.Empty,

            // etcd's start is inclusive, ours exclusive; 0 stays "from now".
            StartRevision = options.StartRevision > 0 ? options.StartRevision + 1 : 0,
            ProgressNotify = options.ProgressNotify,

            // Always: a deletion's last value and create revision come only from prev_kv.
            PrevKv = true,
        };
        await using var watch = _client.Watch(request);
        while (true)
        {
            var response = await NextAsync(watch, key, options.StartRevision, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                yield break;
            }

            if (response.Created)
            {
                continue;
            }

            if (response.Events.Count == 0)
            {
                if (options.ProgressNotify)
                {
                    yield return new StorageEvent(StorageEventType.Progress, string.Empty, [], null, response.Header.Revision, 0);
                }

                continue;
            }

            foreach (var e in response.Events)
            {
                yield return Translate(e, options.PreviousValues);
            }
        }
    }

    private static async Task<WatchResponse?> NextAsync(EtcdWatch watch, string key, long startRevision, CancellationToken cancellationToken)
    {
        try
        {
            return await watch.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (EtcdCompactedException e)
        {
            throw StorageException.Expired(key, startRevision, e.CompactRevision);
        }
        catch (EtcdException e)
        {
            throw EtcdStorageErrors.Translate(e, key, startRevision, 0);
        }
    }

    private StorageEvent Translate(Event e, bool previousValues)
    {
        var kv = e.Kv;
        var previous = e.PrevKv;
        if (e.Type == Event.Types.EventType.Delete)
        {
            return new StorageEvent(
                StorageEventType.Deleted,
                Strip(kv.Key),
                previous?.Value.ToByteArray() ?? [],
                previousValues ? previous?.Value.ToByteArray() : null,
                kv.ModRevision,
                previous?.CreateRevision ?? 0);
        }

        return new StorageEvent(
            kv.CreateRevision == kv.ModRevision ? StorageEventType.Added : StorageEventType.Modified,
            Strip(kv.Key),
            kv.Value.ToByteArray(),
            previousValues ? previous?.Value.ToByteArray() : null,
            kv.ModRevision,
            kv.CreateRevision);
    }
}

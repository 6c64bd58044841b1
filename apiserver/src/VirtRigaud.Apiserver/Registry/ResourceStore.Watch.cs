using System.Runtime.CompilerServices;
using VirtRigaud.Apiserver.Watch;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Registry;

public sealed partial class ResourceStore
{
    /// <summary>
    /// WATCH of the scope's namespace (all namespaces when it is empty), served by the attached <see cref="WatchCache"/>;
    /// the events are filtered by the query's selectors with kube-apiserver's transitions, start where the query's
    /// resourceVersion / sendInitialEvents say, and include BOOKMARKs when allowed (see <see cref="OpenWatchAsync"/>).
    /// </summary>
    /// <remarks>
    /// Errors before the first event (400, 410 Expired, 429, 504) are thrown from the first <c>MoveNextAsync</c>. A
    /// caller that must flush response headers as soon as the watch is established uses <see cref="OpenWatchAsync"/>
    /// instead, which throws them before returning the stream. Ends without an error when
    /// <paramref name="cancellationToken"/> fires.
    /// </remarks>
    public async IAsyncEnumerable<ObjectEvent> WatchAsync(RequestScope scope, ListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = await OpenWatchAsync(scope, query, cancellationToken);
        await using (stream)
        {
            await foreach (var objectEvent in stream.WithCancellation(cancellationToken))
            {
                yield return objectEvent;
            }
        }
    }

    /// <summary>
    /// Establishes a watch and returns its stream (enumerate it once; dispose it). Start semantics:
    /// <list type="table">
    /// <item><term>resourceVersion unset</term><description>ADDED for the current state (at least as new as the store when the request arrived), then changes</description></item>
    /// <item><term>"0"</term><description>ADDED for the cached state, then changes</description></item>
    /// <item><term>N</term><description>the changes after N</description></item>
    /// <item><term>sendInitialEvents=true</term><description>ADDED for a state at least as new as N (or the store, when unset), then a BOOKMARK annotated <c>k8s.io/initial-events-end: "true"</c> with that state's resourceVersion, then changes</description></item>
    /// <item><term>sendInitialEvents=false</term><description>no initial events; the changes after N (after the newest state when unset or "0")</description></item>
    /// </list>
    /// With <c>allowWatchBookmarks</c>, a BOOKMARK every <see cref="WatchCacheOptions.BookmarkInterval"/> and 2 s before
    /// <c>timeoutSeconds</c> (ending the stream at the timeout is the caller's job).
    /// </summary>
    /// <exception cref="Api.Machinery.StatusException">
    /// 400 for a malformed resourceVersion or an unsupported field selector; 410 Expired <c>too old resource version: N (M)</c>
    /// when N is older than the cache's window (kube-apiserver sends it as an ERROR event after a 200); 504 Timeout with
    /// cause <c>ResourceVersionTooLarge</c> when N is newer than the store; 429 while the cache is (re)initializing.
    /// </exception>
    /// <exception cref="InvalidOperationException">No watch cache is attached (<see cref="AttachCache"/>).</exception>
    public async Task<WatchStream> OpenWatchAsync(RequestScope scope, ListQuery query, CancellationToken cancellationToken)
    {
        var cache = _cache ?? throw new InvalidOperationException($"No watch cache is attached to the {Kind} store (ResourceStoreRegistry attaches one).");
        long? rv = string.IsNullOrEmpty(query.ResourceVersion) ? null : ParseResourceVersion(query.ResourceVersion);
        var request = new WatchRequest
        {
            Namespace = scope.Namespace,
            Filter = CacheFilter(query),
            ResourceVersion = rv,

            // metav1.ListOptions: sendInitialEvents defaults to true for resourceVersion "" and "0", to false otherwise.
            SendInitialEvents = query.SendInitialEvents ?? rv is null or 0,
            InitialEventsEndBookmark = query.SendInitialEvents == true,
            AllowBookmarks = query.AllowWatchBookmarks,
            Timeout = query.TimeoutSeconds is { } seconds && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
        };

        try
        {
            return await cache.OpenAsync(request, cancellationToken);
        }
        catch (StorageException e)
        {
            throw ToStatus(e, "");
        }
    }
}

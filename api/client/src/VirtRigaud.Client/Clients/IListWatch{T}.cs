using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Clients;

/// <summary>
/// The two read verbs an informer's reflector needs (client-go's <c>cache.ListerWatcher</c>): a list and a watch of
/// one resource, scoped to a namespace or to all namespaces. <see cref="ResourceClient{T}"/> implements it.
/// </summary>
/// <remarks>
/// Implementations are thread-safe: concurrent lists and watches may run on one instance. Neither method mutates
/// the options (records are immutable) nor any server state.
/// </remarks>
/// <typeparam name="T">The object type, e.g. <c>VirtualMachine</c>.</typeparam>
public interface IListWatch<T>
    where T : class, IKubernetesObject
{
    /// <summary>
    /// Lists objects (<c>GET</c> on the collection). The returned list's <c>metadata.resourceVersion</c> is the point to
    /// start a watch from; <c>metadata.continue</c> is set when <see cref="ListOptions.Limit"/> cut the list short.
    /// </summary>
    /// <exception cref="Rest.KubernetesApiException">The server answered with a non-2xx status (410 for an expired continue token).</exception>
    Task<ObjectList<T>> ListAsync(ListOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Watches objects (<c>GET ?watch=1</c>) and yields each event as it arrives: <c>ADDED</c>, <c>MODIFIED</c>,
    /// <c>DELETED</c> and, when <see cref="ListOptions.AllowWatchBookmarks"/> is set, <c>BOOKMARK</c> (only
    /// <c>metadata.resourceVersion</c> and annotations are meaningful). The sequence ends normally when the server
    /// closes the stream (e.g. after <see cref="ListOptions.TimeoutSeconds"/>); the caller re-watches from the last
    /// resource version it saw. An <c>ERROR</c> event is never yielded: it is thrown as a
    /// <see cref="Rest.KubernetesApiException"/> carrying the event's Status (410 Gone ⇒ <c>IsGone</c>: re-list).
    /// Cancelling <paramref name="cancellationToken"/> (or disposing the enumerator) closes the HTTP response.
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(ListOptions options, CancellationToken cancellationToken);
}

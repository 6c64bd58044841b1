using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Informers;

/// <summary>
/// Hands out one <see cref="SharedIndexInformer{T}"/> per resource and namespace however many consumers ask (client-go's
/// <c>SharedInformerFactory</c>), so a controller manager holds one watch per resource:
/// <code>
/// await using var factory = new SharedInformerFactory(rest);
/// var vms = factory.InformerFor(ResourceDefinitions.VirtualMachines);
/// vms.AddEventHandler(handler);
/// factory.Start();
/// await factory.WaitForCacheSyncAsync(cancellationToken);
/// var vm = vms.Lister.Get("default", "web-1");
/// </code>
/// </summary>
/// <remarks>
/// <see cref="Start"/> starts the informers created so far; informers requested later start at the next call
/// (client-go's contract). <see cref="ShutdownAsync"/> stops them all and waits. The constructor does no work; every
/// member is thread-safe.
/// </remarks>
public sealed class SharedInformerFactory : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly RestClient _rest;
    private readonly SharedInformerFactoryOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Dictionary<(string Resource, string Namespace), Entry> _informers = [];
    private readonly CancellationTokenSource _stop = new();
    private bool _shutdown;

    /// <summary>Creates a factory whose informers list and watch through <paramref name="rest"/>.</summary>
    public SharedInformerFactory(RestClient rest, SharedInformerFactoryOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        _rest = rest;
        _options = options ?? new SharedInformerFactoryOptions();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>
    /// The informer of <paramref name="resource"/> in <paramref name="namespace"/> (the factory's namespace when null,
    /// all namespaces when that is empty too), created on first request. Not started until <see cref="Start"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The factory was shut down.</exception>
    public SharedIndexInformer<T> InformerFor<T>(ResourceDefinition<T> resource, string? @namespace = null)
        where T : class, IKubernetesObject
    {
        var ns = resource.Namespaced ? @namespace ?? _options.Namespace ?? ResourceClient<T>.AllNamespaces : "";
        var key = (resource.GroupVersionResource.ToString(), ns);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_shutdown, this);
            if (_informers.TryGetValue(key, out var existing))
            {
                return (SharedIndexInformer<T>)existing.Informer;
            }

            var groupResource = resource.GroupVersionResource.GroupResource;
            var resync = _options.CustomResyncPeriods?.GetValueOrDefault(groupResource) ?? _options.DefaultResyncPeriod;
            var informer = new SharedIndexInformer<T>(
                new ResourceClient<T>(_rest, resource, ns),
                new SharedIndexInformerOptions
                {
                    ResyncPeriod = resync,
                    Reflector = _options.Reflector with { Name = ns.Length == 0 ? groupResource : $"{groupResource} in {ns}" },
                },
                _loggerFactory.CreateLogger<SharedIndexInformer<T>>());
            _informers.Add(key, new Entry(informer, informer.RunAsync, informer.WaitForCacheSyncAsync));
            return informer;
        }
    }

    /// <summary>The lister of <see cref="InformerFor{T}"/>'s informer.</summary>
    public Lister<T> ListerFor<T>(ResourceDefinition<T> resource, string? @namespace = null)
        where T : class, IKubernetesObject => InformerFor(resource, @namespace).Lister;

    /// <summary>Starts every informer not started yet, in the background. Returns at once.</summary>
    /// <exception cref="InvalidOperationException">The factory was shut down.</exception>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_shutdown, this);
            foreach (var entry in _informers.Values.Where(e => e.Running is null))
            {
                entry.Running = Task.Run(() => entry.Run(_stop.Token));
            }
        }
    }

    /// <summary>Completes once every started informer has synced.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken)
    {
        List<Entry> started;
        lock (_gate)
        {
            started = [.. _informers.Values.Where(e => e.Running is not null)];
        }

        return Task.WhenAll(started.Select(e => e.WaitForSync(cancellationToken)));
    }

    /// <summary>Stops every informer and waits until they have stopped. Idempotent.</summary>
    public async Task ShutdownAsync()
    {
        List<Task> running;
        lock (_gate)
        {
            _shutdown = true;
            running = [.. _informers.Values.Select(e => e.Running).OfType<Task>()];
        }

        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed class Entry(object informer, Func<CancellationToken, Task> run, Func<CancellationToken, Task> waitForSync)
    {
        public object Informer { get; } = informer;

        public Func<CancellationToken, Task> Run { get; } = run;

        public Func<CancellationToken, Task> WaitForSync { get; } = waitForSync;

        /// <summary>Set under the factory's lock when started.</summary>
        public Task? Running { get; set; }
    }
}

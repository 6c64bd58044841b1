using Microsoft.Extensions.Logging;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Informers;

namespace VirtRigaud.Controllers.Runtime;

/// <summary>
/// Wires a controller (controller-runtime's builder): <c>manager.NewController(ResourceDefinitions.Providers)
/// .Owns(ResourceDefinitions.Deployments).Watches(ResourceDefinitions.VirtualMachines, MapToProvider).WithWorkers(5)
/// .Complete(reconciler)</c>. Every informer comes from the manager's one <see cref="SharedInformerFactory"/>, so two
/// controllers watching the same kind share one watch. Not thread-safe; use from one thread while composing.
/// </summary>
/// <typeparam name="T">The primary kind, whose keys the reconciler receives.</typeparam>
public sealed class ControllerBuilder<T>
    where T : class, IKubernetesObject
{
    private readonly ControllerManager _manager;
    private readonly ResourceDefinition<T> _resource;
    private readonly List<Func<IController, ResourceEventHandlerRegistration>> _sources = [];
    private readonly List<Func<bool>> _synced = [];
    private string _name;
    private int? _workers;
    private Func<T, T, bool>? _updateFilter;
    private TimeSpan? _resync;

    internal ControllerBuilder(ControllerManager manager, ResourceDefinition<T> resource)
    {
        _manager = manager;
        _resource = resource;
        _name = resource.Kind;
    }

    /// <summary>The controller's name (metric <c>kind</c> label, queue name, worker-count key); the kind by default.</summary>
    public ControllerBuilder<T> Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        return this;
    }

    /// <summary>
    /// Concurrent reconciles when the manager's options name none for this controller
    /// (<see cref="ControllerManagerOptions.Workers"/> wins); 1 by default.
    /// </summary>
    public ControllerBuilder<T> WithWorkers(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = workers;
        return this;
    }

    /// <summary>
    /// Only updates of the primary kind for which <paramref name="filter"/>(old, new) is true enqueue the key (e.g.
    /// "generation changed or deletion started"); adds and deletes always do.
    /// </summary>
    public ControllerBuilder<T> WithUpdateFilter(Func<T, T, bool> filter)
    {
        _updateFilter = filter;
        return this;
    }

    /// <summary>
    /// Re-delivers every cached primary object this often (drift detection without polling each object); the manager's
    /// <see cref="ControllerManagerOptions.ResyncPeriod"/> by default. Resyncs pass the update filter as
    /// (obj, obj): a generation filter drops them, so controllers with one requeue for drift themselves.
    /// </summary>
    public ControllerBuilder<T> WithResyncPeriod(TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        _resync = period;
        return this;
    }

    /// <summary>
    /// Reconciles the owner when an object of <paramref name="child"/>'s kind changes whose controller owner reference
    /// points at a <typeparamref name="T"/> (same namespace, matching kind and API group).
    /// </summary>
    public ControllerBuilder<T> Owns<TChild>(ResourceDefinition<TChild> child)
        where TChild : class, IKubernetesObject
    {
        var group = _resource.Group;
        var kind = _resource.Kind;
        return Watches(child, obj => OwnerKeys(obj, group, kind));
    }

    /// <summary>Reconciles the keys <paramref name="map"/> returns whenever an object of <paramref name="other"/>'s kind changes.</summary>
    public ControllerBuilder<T> Watches<TOther>(ResourceDefinition<TOther> other, Func<TOther, IEnumerable<ObjectKey>> map, string? @namespace = null)
        where TOther : class, IKubernetesObject => Watches(other, map, null, @namespace);

    /// <summary>
    /// Reconciles the keys <paramref name="map"/> returns when an object of <paramref name="other"/>'s kind is added or
    /// deleted, and on updates for which <paramref name="updateFilter"/>(old, new) is true (e.g. "the reference to the
    /// owner changed"), so that frequent status writes of a watched kind do not wake this controller.
    /// </summary>
    public ControllerBuilder<T> Watches<TOther>(ResourceDefinition<TOther> other, Func<TOther, IEnumerable<ObjectKey>> map, Func<TOther, TOther, bool>? updateFilter, string? @namespace = null)
        where TOther : class, IKubernetesObject
    {
        var informer = _manager.Informers.InformerFor(other, @namespace);
        var logger = _manager.LoggerFactory.CreateLogger<ControllerBuilder<T>>();
        _sources.Add(controller => informer.AddEventHandler(Controller<T>.Handler(controller, map, updateFilter, logger)));
        _synced.Add(() => informer.HasSynced);
        return this;
    }

    /// <summary>Builds the controller around <paramref name="reconciler"/> and registers it with the manager.</summary>
    public Controller<T> Complete(IReconciler reconciler)
    {
        var informer = _manager.Informers.InformerFor(_resource);
        var logger = _manager.LoggerFactory.CreateLogger("VirtRigaud.Controllers." + _name);
        var filter = _updateFilter;
        var resync = _resync ?? _manager.Options.ResyncPeriod;
        var sources = new List<Func<IController, ResourceEventHandlerRegistration>>
        {
            controller => informer.AddEventHandler(Controller<T>.Handler<T>(controller, static obj => [ObjectKey.Of(obj)], filter, logger), resync),
        };
        sources.AddRange(_sources);
        var synced = new List<Func<bool>> { () => informer.HasSynced };
        synced.AddRange(_synced);
        var workers = _manager.Options.Workers?.GetValueOrDefault(_name) is { } configured and > 0 ? configured : _workers ?? 1;
        var controller = new Controller<T>(_name, workers, reconciler, sources, synced, _manager.Metrics, _manager.TimeProvider, logger);
        _manager.Add(controller);
        return controller;
    }

    private static IEnumerable<ObjectKey> OwnerKeys(IKubernetesObject obj, string group, string kind)
    {
        foreach (var owner in obj.Metadata.OwnerReferences ?? [])
        {
            if (owner.Controller == true && owner.Kind == kind && GroupOf(owner.ApiVersion) == group)
            {
                yield return new ObjectKey(obj.Metadata.Namespace ?? "", owner.Name);
            }
        }
    }

    private static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Events;
using VirtRigaud.Client.Informers;
using VirtRigaud.Client.LeaderElection;

namespace VirtRigaud.Controllers.Runtime;

/// <summary>
/// Runs controllers (controller-runtime's manager): one <see cref="SharedInformerFactory"/> for every controller, one
/// <see cref="EventRecorder"/>, the <see cref="ManagerMetrics"/>, and optionally leader election so that only the
/// leader reconciles.
/// </summary>
/// <remarks>
/// <para>Compose first (<see cref="NewController{T}"/>, <see cref="AddRunnable"/>), then call <see cref="RunAsync"/>
/// once. Run order: informers start and sync (so <c>/readyz</c> turns ready on every replica), then — when leading, or
/// at once without leader election — every controller and leader-only runnable starts. Cancelling the token drains
/// in-flight reconciles (up to <see cref="ControllerManagerOptions.ShutdownTimeout"/>), stops the informers and
/// releases the lease. A lost lease ends <see cref="RunAsync"/> with <see cref="LeadershipLostException"/>: the process
/// must exit, as controller-runtime's does, since another replica now reconciles.</para>
/// <para>The constructor does no work. Members are thread-safe after composition.</para>
/// </remarks>
public sealed class ControllerManager : IAsyncDisposable
{
    private readonly List<IController> _controllers = [];
    private readonly List<(string Name, Func<CancellationToken, Task> Run, bool NeedsLeader)> _runnables = [];
    private readonly ILogger _logger;
    private LeaderElector? _elector;
    private volatile bool _synced;
    private int _started;

    /// <summary>Creates a manager that talks to the API server through <paramref name="client"/> (not disposed by the manager).</summary>
    public ControllerManager(VirtRigaudClient client, ControllerManagerOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, ManagerMetrics? metrics = null, IEventSink? eventSink = null)
    {
        options.Validate();
        Client = client;
        Options = options;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Metrics = metrics ?? new ManagerMetrics();
        _logger = LoggerFactory.CreateLogger<ControllerManager>();
        Informers = new SharedInformerFactory(client.Rest, new SharedInformerFactoryOptions
        {
            Namespace = options.Namespace,
            Reflector = new ReflectorOptions { TimeProvider = TimeProvider },
        }, LoggerFactory);
        Events = new EventRecorder(eventSink ?? new KubernetesEventSink(client.Rest), new EventRecorderOptions
        {
            Component = options.EventComponent,
            Host = Environment.MachineName,
            TimeProvider = TimeProvider,
            Meter = Metrics.Meter,
        }, LoggerFactory.CreateLogger<EventRecorder>());
    }

    /// <summary>The API client.</summary>
    public VirtRigaudClient Client { get; }

    /// <summary>The options.</summary>
    public ControllerManagerOptions Options { get; }

    /// <summary>The informers every controller shares; ask it for listers of any kind.</summary>
    public SharedInformerFactory Informers { get; }

    /// <summary>Records Events (never blocks).</summary>
    public EventRecorder Events { get; }

    /// <summary>The manager's instruments.</summary>
    public ManagerMetrics Metrics { get; }

    /// <summary>The clock every controller uses.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Creates loggers for controllers.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The registered controllers.</summary>
    public IReadOnlyList<IController> Controllers => _controllers;

    /// <summary>Whether the informers have synced (<c>/readyz</c>).</summary>
    public bool IsReady => _synced;

    /// <summary>Whether this process leads (always true without leader election once running).</summary>
    public bool IsLeader => Options.LeaderElection is null ? Volatile.Read(ref _started) != 0 : _elector?.IsLeader == true;

    /// <summary>
    /// Whether the process is alive for <c>/healthz</c>: false only when leader election has stopped renewing a
    /// lease it believes it holds for longer than the lease duration (a wedged leader must be restarted).
    /// </summary>
    public bool IsHealthy => _elector is null || _elector.IsHealthy(Options.LeaderElection!.LeaseDuration);

    /// <summary>Starts a controller builder for <paramref name="resource"/>; <see cref="ControllerBuilder{T}.Complete"/> registers it.</summary>
    public ControllerBuilder<T> NewController<T>(ResourceDefinition<T> resource)
        where T : class, IKubernetesObject => new(this, resource);

    /// <summary>
    /// Adds a background task started with the controllers (<paramref name="needsLeader"/>: only while leading) and
    /// cancelled at shutdown. An exception from it stops the manager.
    /// </summary>
    public void AddRunnable(string name, Func<CancellationToken, Task> run, bool needsLeader = true)
    {
        EnsureNotStarted();
        _runnables.Add((name, run, needsLeader));
    }

    /// <summary>Runs everything until <paramref name="cancellationToken"/> is cancelled; see the class remarks.</summary>
    /// <exception cref="LeadershipLostException">Another replica took the lease.</exception>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the manager can run only once");
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = Task.Run(() => Events.RunAsync(stopping.Token), CancellationToken.None);
        var background = _runnables.Where(r => !r.NeedsLeader).Select(r => RunGuardedAsync(r.Name, r.Run, stopping)).ToList();
        try
        {
            Informers.Start();
            RuntimeLog.WaitingForCaches(_logger);
            await Informers.WaitForCacheSyncAsync(stopping.Token).ConfigureAwait(false);
            _synced = true;
            RuntimeLog.CachesSynced(_logger);

            if (Options.LeaderElection is not { } election)
            {
                await RunLeadingAsync(stopping.Token).ConfigureAwait(false);
                return;
            }

            RuntimeLog.LeaderElectionEnabled(_logger, $"{election.Namespace}/{election.LeaseName}", election.Identity);
            _elector = new LeaderElector(
                new KubernetesLeaseStore(Client.Rest, election.Namespace, election.LeaseName),
                new LeaderElectorOptions
                {
                    Identity = election.Identity,
                    Name = election.LeaseName,
                    LeaseDuration = election.LeaseDuration,
                    RenewDeadline = election.RenewDeadline,
                    RetryPeriod = election.RetryPeriod,
                    ReleaseOnCancel = true,
                    TimeProvider = TimeProvider,
                    OnStartedLeading = RunLeadingAsync,
                },
                LoggerFactory.CreateLogger<LeaderElector>());
            await _elector.RunAsync(stopping.Token).ConfigureAwait(false);

            // The elector returns before cancellation only when the lease was lost (acquiring waits until cancelled).
            if (!stopping.IsCancellationRequested)
            {
                RuntimeLog.LeadershipLost(_logger);
                throw new LeadershipLostException($"lost the lease {election.Namespace}/{election.LeaseName}");
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(background).ConfigureAwait(false);
            await Informers.ShutdownAsync().ConfigureAwait(false);
            await events.ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Informers.DisposeAsync().ConfigureAwait(false);
        Metrics.Dispose();
    }

    internal void Add(IController controller)
    {
        EnsureNotStarted();
        if (_controllers.Any(c => c.Name == controller.Name))
        {
            throw new InvalidOperationException($"a controller named {controller.Name} is registered already");
        }

        _controllers.Add(controller);
    }

    private async Task RunLeadingAsync(CancellationToken cancellationToken)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = _controllers.Select(c => RunGuardedAsync(c.Name, c.RunAsync, leading))
            .Concat(_runnables.Where(r => r.NeedsLeader).Select(r => RunGuardedAsync(r.Name, r.Run, leading)))
            .ToList();
        try
        {
            await Task.Delay(Timeout.Infinite, leading.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        RuntimeLog.Stopping(_logger);
        using var drain = new CancellationTokenSource(Options.ShutdownTimeout, TimeProvider);
        await Task.WhenAll(tasks).WaitAsync(drain.Token).ConfigureAwait(false);
    }

    // A crashed controller stops the whole manager (as controller-runtime's errgroup does): running on with a dead
    // controller would look healthy while one kind silently stops converging.
    private async Task RunGuardedAsync(string name, Func<CancellationToken, Task> run, CancellationTokenSource scope)
    {
        try
        {
            await run(scope.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (scope.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            RuntimeLog.ControllerCrashed(_logger, e, name);
            await scope.CancelAsync().ConfigureAwait(false);
        }
    }

    private void EnsureNotStarted()
    {
        if (Volatile.Read(ref _started) != 0)
        {
            throw new InvalidOperationException("the manager is running; register controllers and runnables before RunAsync");
        }
    }
}

using Microsoft.Extensions.Logging;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Informers;
using VirtRigaud.Client.WorkQueue;

namespace VirtRigaud.Controllers.Runtime;

/// <summary>
/// One controller: the informers it watches feed keys into one rate-limited work queue, which <see cref="Workers"/>
/// workers drain by calling the <see cref="IReconciler"/>. Built by <see cref="ControllerBuilder{T}"/>.
/// </summary>
/// <remarks>
/// A key is never reconciled by two workers at once (the queue's processing set); a key added while it is being
/// reconciled is reconciled again afterwards. Each reconcile is timed into
/// <c>virtrigaud_manager_reconcile_total{kind,outcome}</c> and <c>…_duration_seconds{kind}</c>. Thread-safe.
/// </remarks>
/// <typeparam name="T">The primary kind.</typeparam>
public sealed class Controller<T> : IController
    where T : class, IKubernetesObject
{
    private readonly IReconciler _reconciler;
    private readonly ManagerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RateLimitingQueue<ObjectKey> _queue;
    private readonly IReadOnlyList<Func<IController, ResourceEventHandlerRegistration>> _sources;
    private readonly IReadOnlyList<Func<bool>> _synced;
    private int _running;

    internal Controller(
        string name,
        int workers,
        IReconciler reconciler,
        IReadOnlyList<Func<IController, ResourceEventHandlerRegistration>> sources,
        IReadOnlyList<Func<bool>> synced,
        ManagerMetrics metrics,
        TimeProvider time,
        ILogger logger)
    {
        Name = name;
        Workers = workers;
        _reconciler = reconciler;
        _sources = sources;
        _synced = synced;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _queue = new RateLimitingQueue<ObjectKey>(
            RateLimiters.DefaultController<ObjectKey>(time),
            new WorkQueueOptions { Name = name, TimeProvider = time, Meter = metrics.Meter });
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Workers { get; }

    /// <inheritdoc/>
    public bool HasSynced => _synced.All(s => s());

    /// <summary>Keys waiting in the queue (not counting delayed ones).</summary>
    public int QueueLength => _queue.Count;

    /// <inheritdoc/>
    public void Enqueue(ObjectKey key) => _queue.Add(key);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The controller is already running or has run.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException($"controller {Name} can run only once");
        }

        // Handlers are added now, not at build time: an informer that synced earlier replays its cache as adds, so
        // every object is reconciled once when this controller starts (controller-runtime starts its sources here too).
        var registrations = _sources.Select(source => source(this)).ToList();
        try
        {
            await Task.WhenAll(registrations.Select(r => r.WaitForSyncAsync(cancellationToken))).ConfigureAwait(false);
            RuntimeLog.ControllerStarting(_logger, Name, Workers);
            var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None)).ToList();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            // In-flight reconciles see the cancellation; waiting for them keeps status writes from racing the next leader.
            await _queue.ShutDownWithDrainAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _queue.ShutDown();
        }
        finally
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }

            RuntimeLog.ControllerStopped(_logger, Name);
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (key, shutdown) = await _queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (shutdown)
            {
                return;
            }

            await ProcessAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var outcome = ReconcileOutcome.Error;
        try
        {
            var result = await _reconciler.ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
            _queue.Forget(key);
            if (result.RequeueAfter is { } after)
            {
                outcome = ReconcileOutcome.Requeue;
                if (after > TimeSpan.Zero)
                {
                    _queue.AddAfter(key, after);
                }
                else
                {
                    _queue.Add(key);
                }
            }
            else
            {
                outcome = ReconcileOutcome.Success;
            }

            RuntimeLog.Reconciled(_logger, Name, key, result, _time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the next leader (or the next start) reconciles the key again.
            outcome = ReconcileOutcome.Requeue;
        }
        catch (TerminalReconcileException e)
        {
            _queue.Forget(key);
            RuntimeLog.ReconcileTerminal(_logger, e, Name, key);
        }
        catch (Exception e)
        {
            var attempt = _queue.NumRequeues(key) + 1;
            _queue.AddRateLimited(key);
            RuntimeLog.ReconcileFailed(_logger, e, Name, key, attempt);
        }
        finally
        {
            _queue.Done(key);
            _metrics.RecordReconcile(Name, outcome, _time.GetElapsedTime(started));
        }
    }

    internal static ResourceEventHandlerFuncs<TSource> Handler<TSource>(IController controller, Func<TSource, IEnumerable<ObjectKey>> map, Func<TSource, TSource, bool>? updateFilter, ILogger logger)
        where TSource : class, IKubernetesObject
    {
        void Enqueue(TSource obj)
        {
            try
            {
                foreach (var key in map(obj))
                {
                    controller.Enqueue(key);
                }
            }
            catch (Exception e)
            {
                // A mapping function bug must not stop the informer's notifications for this handler.
                RuntimeLog.MapFailed(logger, e, controller.Name);
            }
        }

        return new ResourceEventHandlerFuncs<TSource>
        {
            AddFunc = (obj, _) => Enqueue(obj),
            UpdateFunc = (oldObj, newObj) =>
            {
                if (updateFilter is not null && !updateFilter(oldObj, newObj))
                {
                    return;
                }

                Enqueue(newObj);

                // A changed mapping (an owner reference moved) must also wake the old owner; the queue de-duplicates.
                if (!ReferenceEquals(oldObj, newObj))
                {
                    Enqueue(oldObj);
                }
            },
            DeleteFunc = (obj, _) => Enqueue(obj),
        };
    }

}

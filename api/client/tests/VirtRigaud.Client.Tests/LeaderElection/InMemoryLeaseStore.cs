using System.Globalization;
using VirtRigaud.Client.LeaderElection;

namespace VirtRigaud.Client.Tests.LeaderElection;

/// <summary>
/// An <see cref="ILeaseStore"/> in memory with the API server's optimistic concurrency: every write bumps a
/// resourceVersion; an update with another version, or a create of an existing lock, is a conflict. Switches let a
/// test make it unreachable (every call throws) or hang (calls wait until cancelled), and let another writer slip in
/// before the next update. Thread-safe.
/// </summary>
internal sealed class InMemoryLeaseStore : ILeaseStore
{
    private readonly Lock _gate = new();
    private LeaderElectionRecord? _record;
    private long _version;

    public string Description => "test/lock";

    /// <summary>Every call fails with HttpRequestException (the API server is down).</summary>
    public bool Unavailable { get; set; }

    /// <summary>Every call waits until its token is cancelled (a request that never answers).</summary>
    public bool Hang { get; set; }

    /// <summary>Runs once, inside the next update, before the version check: a concurrent writer.</summary>
    public Action<InMemoryLeaseStore>? BeforeNextUpdate { get; set; }

    public int Writes { get; private set; }

    public int Conflicts { get; private set; }

    public LeaderElectionRecord? Record
    {
        get
        {
            lock (_gate)
            {
                return _record;
            }
        }
    }

    /// <summary>Writes <paramref name="record"/> directly, as another process would.</summary>
    public void Put(LeaderElectionRecord record)
    {
        lock (_gate)
        {
            _record = record;
            _version++;
        }
    }

    public async Task<LeaseSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        lock (_gate)
        {
            return _record is null ? null : Snapshot();
        }
    }

    public async Task<LeaseSnapshot> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        lock (_gate)
        {
            if (_record is not null)
            {
                Conflicts++;
                throw new LeaseConflictException("exists");
            }

            return Write(record);
        }
    }

    public async Task<LeaseSnapshot> UpdateAsync(LeaderElectionRecord record, string resourceVersion, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        var interloper = BeforeNextUpdate;
        BeforeNextUpdate = null;
        interloper?.Invoke(this);
        lock (_gate)
        {
            if (_record is null || resourceVersion != _version.ToString(CultureInfo.InvariantCulture))
            {
                Conflicts++;
                throw new LeaseConflictException("stale resourceVersion " + resourceVersion);
            }

            return Write(record);
        }
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            throw new HttpRequestException("Connection refused");
        }

        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private LeaseSnapshot Write(LeaderElectionRecord record)
    {
        _record = record;
        _version++;
        Writes++;
        return Snapshot();
    }

    private LeaseSnapshot Snapshot() => new() { Record = _record!, ResourceVersion = _version.ToString(CultureInfo.InvariantCulture) };
}

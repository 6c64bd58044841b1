using System.Runtime.CompilerServices;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Clients;

namespace VirtRigaud.Client.Tests.Informers;

/// <summary>Passes every call on to a real <see cref="IListWatch{T}"/> and records the options, so a test can tell a relist from a resumed watch.</summary>
internal sealed class CountingListWatch<T>(IListWatch<T> inner) : IListWatch<T>
    where T : class, IKubernetesObject
{
    private readonly List<ListOptions> _lists = [];
    private readonly List<ListOptions> _watches = [];

    public IReadOnlyList<ListOptions> Lists
    {
        get
        {
            lock (_lists)
            {
                return [.. _lists];
            }
        }
    }

    public IReadOnlyList<ListOptions> Watches
    {
        get
        {
            lock (_watches)
            {
                return [.. _watches];
            }
        }
    }

    public Task<ObjectList<T>> ListAsync(ListOptions options, CancellationToken cancellationToken)
    {
        lock (_lists)
        {
            _lists.Add(options);
        }

        return inner.ListAsync(options, cancellationToken);
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (_watches)
        {
            _watches.Add(options);
        }

        await foreach (var e in inner.WatchAsync(options, cancellationToken))
        {
            yield return e;
        }
    }
}

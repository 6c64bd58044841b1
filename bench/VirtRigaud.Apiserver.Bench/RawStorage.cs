using System.Globalization;
using VirtRigaud.Etcd;
using VirtRigaud.Storage;
using VirtRigaud.Storage.Etcd;
using VirtRigaud.Storage.Sqlite;

namespace VirtRigaud.Apiserver.Bench;

/// <summary>
/// The baseline: the store the server sits on, called in-process through <see cref="IStorage"/> as the server calls
/// it (same prefix, same key layout, same SQLite options as the server's defaults, the same etcd), without HTTP,
/// TLS, authentication, decoding, defaulting, validation or encoding.
/// </summary>
internal static class RawStorage
{
    /// <summary>The server's key prefix (its <c>--etcd-prefix</c>, also used by the SQLite store).</summary>
    public const string ServerPrefix = "/registry";

    public const string VmPrefix = "/infra.virtrigaud.io/virtualmachines/";

    /// <summary>An empty store of the kind the server used: a new SQLite file, or a new prefix on the same etcd.</summary>
    public static async Task<IStorage> OpenFreshAsync(string store, string directory, EtcdClient? etcd, CancellationToken cancellationToken) =>
        store == "sqlite"
            ? await SqliteStorage.OpenAsync(Path.Combine(directory, "raw.db"), new StorageOptions { Prefix = ServerPrefix }, new SqliteStorageOptions(), cancellationToken: cancellationToken)
            : new EtcdStorage(etcd!, new StorageOptions { Prefix = "/raw-baseline" });

    /// <summary>The server's own data, once the server has stopped (SQLite allows one process at a time).</summary>
    public static async Task<IStorage> OpenServerDataAsync(string store, string serverDataDirectory, EtcdClient? etcd, CancellationToken cancellationToken) =>
        store == "sqlite"
            ? await SqliteStorage.OpenAsync(Path.Combine(serverDataDirectory, "store.db"), new StorageOptions { Prefix = ServerPrefix }, new SqliteStorageOptions(), cancellationToken: cancellationToken)
            : new EtcdStorage(etcd!, new StorageOptions { Prefix = ServerPrefix });

    /// <summary>Creates of <paramref name="value"/> under unique keys by <paramref name="clients"/> loops.</summary>
    public static Task<LoadResult> CreatesAsync(IStorage storage, int clients, TimeSpan duration, byte[] value, CancellationToken cancellationToken)
    {
        var next = 0;
        return LoadLoop.TimedAsync(clients, duration, async (client, ct) =>
        {
            var n = Interlocked.Increment(ref next);
            await storage.CreateAsync(string.Create(CultureInfo.InvariantCulture, $"{VmPrefix}raw-c{clients}/vm-{n:D6}"), value, ct);
        }, cancellationToken);
    }

    /// <summary>Gets of random VMs among the first <paramref name="vms"/> of namespace <paramref name="ns"/>.</summary>
    public static Task<LoadResult> GetsAsync(IStorage storage, string ns, int vms, int clients, int count, CancellationToken cancellationToken) =>
        LoadLoop.CountedAsync(clients, count, (client, ct) =>
            storage.GetAsync($"{VmPrefix}{ns}/{VmTemplate.Name(Random.Shared.Next(vms))}", default, ct), cancellationToken);

    /// <summary>Lists of the whole namespace, in one response or in pages of <paramref name="limit"/> (0: one).</summary>
    public static Task<LoadResult> ListsAsync(IStorage storage, string ns, long limit, int clients, int count, CancellationToken cancellationToken) =>
        LoadLoop.CountedAsync(clients, count, async (client, ct) =>
        {
            string? next = null;
            do
            {
                var page = await storage.ListAsync($"{VmPrefix}{ns}/", new ListOptions { Limit = limit, Continue = next }, ct);
                next = page.Continue;
            }
            while (next is not null);
        }, cancellationToken);
}

using System.Globalization;
using Google.Protobuf;
using VirtRigaud.Etcd;
using VirtRigaud.Etcd.Protocol;
using VirtRigaud.Storage.Etcd;
using VirtRigaud.Storage.Sqlite;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Storage.Bench;

/// <summary>
/// The stores under test: SQLite files in a temporary directory, and one real etcd (started here) shared by the etcd
/// backend (a fresh key prefix per round) and the raw-put baseline (its own prefix).
/// </summary>
internal sealed class Backends : IAsyncDisposable
{
    private readonly string _directory;
    private readonly EtcdServer? _etcd;
    private readonly EtcdClient? _client;
    private int _rounds;

    private Backends(string directory, EtcdServer? etcd, EtcdClient? client)
    {
        _directory = directory;
        _etcd = etcd;
        _client = client;
    }

    public static async Task<Backends> StartAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("virtrigaud-storage-bench-").FullName;
        EtcdServer? etcd = null;
        EtcdClient? client = null;
        if (settings.Backends.Contains("etcd"))
        {
            etcd = await EtcdServer.StartAsync(cancellationToken: cancellationToken);
            client = new EtcdClient(new EtcdClientOptions { Endpoints = [etcd.ClientUrl] });
        }

        return new Backends(directory, etcd, client);
    }

    /// <summary>A fresh, empty store of the given backend.</summary>
    public async Task<IStorage> OpenAsync(string backend, CancellationToken cancellationToken)
    {
        var round = Interlocked.Increment(ref _rounds);
        return backend switch
        {
            "sqlite" => await SqliteStorage.OpenAsync(
                Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"round-{round}.db")),
                new StorageOptions(),
                new SqliteStorageOptions(),
                cancellationToken: cancellationToken),
            "etcd" => new EtcdStorage(
                _client ?? throw new InvalidOperationException("etcd was not started"),
                new StorageOptions { Prefix = string.Create(CultureInfo.InvariantCulture, $"/bench-{round}/registry") }),
            _ => throw new ArgumentException($"unknown backend {backend}", nameof(backend)),
        };
    }

    /// <summary>One bare etcd Put through our client: the physical limit of the etcd backend.</summary>
    public Task RawPutAsync(int writer, int n, byte[] value, CancellationToken cancellationToken) =>
        _client!.PutAsync(
            new PutRequest
            {
                Key = ByteString.CopyFromUtf8(string.Create(CultureInfo.InvariantCulture, $"/bench-raw/{writer}/{n}")),
                Value = UnsafeByteOperations.UnsafeWrap(value),
            },
            cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}

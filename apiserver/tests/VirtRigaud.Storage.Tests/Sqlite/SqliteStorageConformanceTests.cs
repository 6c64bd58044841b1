using VirtRigaud.Storage.Sqlite;
using VirtRigaud.Storage.Tests.Conformance;

namespace VirtRigaud.Storage.Tests.Sqlite;

/// <summary>The conformance suite against the SQLite backend, a fresh database file per test with default options.</summary>
public sealed class SqliteStorageConformanceTests : StorageConformanceTests
{
    private readonly TempDirectory _directory = new();

    protected override async Task<IStorage> CreateStorageAsync() =>
        await SqliteStorage.OpenAsync(_directory.File("store.db"), new StorageOptions(), new SqliteStorageOptions());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}

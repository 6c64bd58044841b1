using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace VirtRigaud.Storage.Sqlite;

/// <summary>
/// A fixed set of read connections lent out one read at a time. In WAL mode each read transaction sees one consistent
/// snapshot and runs alongside the writer, so the pool only bounds how many reads run at once.
/// </summary>
internal sealed class SqliteReaderPool : IAsyncDisposable
{
    private readonly Channel<SqliteConnection> _idle = Channel.CreateUnbounded<SqliteConnection>();
    private readonly List<SqliteConnection> _all = [];

    /// <summary>Adds an open connection to the pool (only while opening the store).</summary>
    public void Add(SqliteConnection connection)
    {
        _all.Add(connection);
        _idle.Writer.TryWrite(connection);
    }

    /// <summary>Waits for an idle connection; give it back with <see cref="Return"/>.</summary>
    public ValueTask<SqliteConnection> RentAsync(CancellationToken cancellationToken) => _idle.Reader.ReadAsync(cancellationToken);

    public void Return(SqliteConnection connection) => _idle.Writer.TryWrite(connection);

    /// <summary>Waits until every connection is back (reads in flight finish), then closes them all.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _all.Count; i++)
        {
            var connection = await _idle.Reader.ReadAsync(CancellationToken.None);
            await connection.DisposeAsync();
        }

        _idle.Writer.TryComplete();
    }
}

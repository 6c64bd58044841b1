using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Storage.Sqlite;

namespace VirtRigaud.Storage.Tests;

/// <summary>The periodic compactor, on the SQLite backend with a fake clock.</summary>
public sealed class CompactorTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SqliteStorage? _storage;

    private SqliteStorage Storage => _storage!;

    public async Task InitializeAsync() =>
        _storage = await SqliteStorage.OpenAsync(_directory.File("store.db"), new StorageOptions(), new SqliteStorageOptions());

    public async Task DisposeAsync()
    {
        await Storage.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task TickAsync_EachTick_CompactsAtRevisionRecordedByPreviousTick()
    {
        var compactor = new Compactor(Storage, new CompactorOptions(), NullLogger<Compactor>.Instance);
        await WriteAsync(3);
        var first = await Storage.GetCurrentRevisionAsync();

        await compactor.TickAsync(CancellationToken.None);
        Assert.Equal(0, await Storage.GetCompactedRevisionAsync());

        await WriteAsync(2);
        var second = await Storage.GetCurrentRevisionAsync();
        await compactor.TickAsync(CancellationToken.None);
        Assert.Equal(first, await Storage.GetCompactedRevisionAsync());

        await compactor.TickAsync(CancellationToken.None);
        Assert.Equal(second, await Storage.GetCompactedRevisionAsync());

        // Nothing happened since: the same revision again is a no-op.
        await compactor.TickAsync(CancellationToken.None);
        Assert.Equal(second, await Storage.GetCompactedRevisionAsync());
    }

    [Fact]
    public async Task RunAsync_FakeClock_CompactsOneIntervalBehind()
    {
        var time = new ManualTimeProvider();
        var interval = TimeSpan.FromMinutes(5);
        var compactor = new Compactor(Storage, new CompactorOptions { Interval = interval }, NullLogger<Compactor>.Instance, time);
        using var stop = new CancellationTokenSource();
        var run = compactor.RunAsync(stop.Token);
        await Eventually.WaitAsync(() => time.ArmedTimers > 0, "the compactor's timer is armed");
        await WriteAsync(4);
        var recorded = await Storage.GetCurrentRevisionAsync();

        time.Advance(interval);
        await Eventually.WaitAsync(() => compactor.Ticks == 1, "the first tick ran");
        await WriteAsync(4);
        time.Advance(interval - TimeSpan.FromSeconds(1));
        Assert.Equal(1, compactor.Ticks);
        Assert.Equal(0, await Storage.GetCompactedRevisionAsync());
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WaitAsync(() => compactor.Ticks == 2, "the second tick ran");

        Assert.Equal(recorded, await Storage.GetCompactedRevisionAsync());
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task TickAsync_StorageFails_LogsWarningAndKeepsGoing()
    {
        var logger = new ListLogger();
        var compactor = new Compactor(Storage, new CompactorOptions(), logger);
        await WriteAsync(1);
        await compactor.TickAsync(CancellationToken.None);
        await Storage.DisposeAsync();

        await compactor.TickAsync(CancellationToken.None);

        Assert.Equal(2, compactor.Ticks);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Exception is ObjectDisposedException);
    }

    private async Task WriteAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Storage.GuaranteedUpdateAsync("/compactor/hot", null, true, (_, _) => ValueTask.FromResult(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())));
        }
    }

    private sealed class ListLogger : ILogger<Compactor>
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }
}

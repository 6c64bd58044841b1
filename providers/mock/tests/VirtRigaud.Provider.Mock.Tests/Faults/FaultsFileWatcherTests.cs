using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.Tests.Testing;

namespace VirtRigaud.Provider.Mock.Tests.Faults;

public sealed class FaultsFileWatcherTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("virtrigaud-mock-faults-").FullName;
    private readonly FaultInjector _faults = new();
    private readonly ManualTimeProvider _time = new();

    private string FaultsPath => Path.Combine(_directory, "faults.json");

    [Fact]
    public async Task Poll_FileChanges_AppliesTheNewConfigurationAndKeepsTheOldOnInvalid()
    {
        await File.WriteAllTextAsync(FaultsPath, """{"down": true}""");
        using var watcher = NewWatcher(inline: null);
        await watcher.StartAsync(CancellationToken.None);
        var atStart = _faults.IsDown;

        await File.WriteAllTextAsync(FaultsPath, """{"rpcs": {"Create": {"failAlways": true}}}""");
        await Wait.UntilAsync(() => _time.PendingTimers > 0, "the watcher's poll timer");
        _time.Advance(FaultsFileOptions.DefaultReloadInterval);
        await Wait.UntilAsync(() => !_faults.IsDown, "the watcher to apply the changed file");
        await File.WriteAllTextAsync(FaultsPath, """{"rpcs": {"Crate": {}}}""");
        watcher.Poll();

        Assert.True(atStart);
        Assert.NotNull(_faults.DecideRpc("Create").Code);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Poll_FileRemoved_FallsBackToTheInlineConfiguration()
    {
        await File.WriteAllTextAsync(FaultsPath, """{"down": true}""");
        using var watcher = NewWatcher(new MockFaultConfiguration { Seed = 99 });
        await watcher.StartAsync(CancellationToken.None);

        File.Delete(FaultsPath);
        watcher.Poll();

        Assert.Equal(99, _faults.Configuration.Seed);
        Assert.False(_faults.IsDown);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_InvalidFile_Throws()
    {
        await File.WriteAllTextAsync(FaultsPath, "{not json");
        using var watcher = NewWatcher(inline: null);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => watcher.StartAsync(CancellationToken.None));

        Assert.Contains(FaultsPath, e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _faults.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private FaultsFileWatcher NewWatcher(MockFaultConfiguration? inline) =>
        new(new FaultsFileOptions { Path = FaultsPath, Inline = inline }, _faults, _time, NullLogger<FaultsFileWatcher>.Instance);
}

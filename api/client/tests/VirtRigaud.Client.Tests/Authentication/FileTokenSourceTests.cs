using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Client.Authentication;
using VirtRigaud.Client.Configuration;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Authentication;

public sealed class FileTokenSourceTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();
    private readonly string _path;
    private readonly FileTokenSource _source;

    public FileTokenSourceTests()
    {
        _path = _dir.Write("token", "first-token\n");
        _source = new FileTokenSource(_path, Interval, _time, NullLogger.Instance);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GetTokenAsync_FileRotatedWithinTheInterval_KeepsTheCachedToken()
    {
        Assert.Equal("first-token", await _source.GetTokenAsync(CancellationToken.None));
        File.WriteAllText(_path, "second-token");
        _time.Advance(Interval - TimeSpan.FromSeconds(1));

        Assert.Equal("first-token", await _source.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_FileRotatedAndIntervalPassed_ReadsTheNewToken()
    {
        await _source.GetTokenAsync(CancellationToken.None);
        File.WriteAllText(_path, "  second-token  \n");
        _time.Advance(Interval);

        Assert.Equal("second-token", await _source.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Invalidate_AfterA401_ReReadsAtOnce()
    {
        await _source.GetTokenAsync(CancellationToken.None);
        File.WriteAllText(_path, "rotated");

        Assert.True(_source.Invalidate());
        Assert.Equal("rotated", await _source.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_FileVanishesLater_KeepsTheLastGoodToken()
    {
        await _source.GetTokenAsync(CancellationToken.None);
        File.Delete(_path);
        _time.Advance(Interval * 2);

        Assert.Equal("first-token", await _source.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_FileMissingAtFirstRead_Throws()
    {
        var source = new FileTokenSource(Path.Combine(_dir.Path, "missing"), Interval, _time, NullLogger.Instance);

        await Assert.ThrowsAsync<KubeconfigException>(async () => await source.GetTokenAsync(CancellationToken.None));
    }
}

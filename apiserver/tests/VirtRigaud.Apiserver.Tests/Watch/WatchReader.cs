using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Watch;

namespace VirtRigaud.Apiserver.Tests.Watch;

/// <summary>Reads a watch stream in a test: each step waits at most <see cref="WatchTestEnvironment.Timeout"/>.</summary>
internal sealed class WatchReader : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly WatchStream _stream;
    private readonly IAsyncEnumerator<ObjectEvent> _events;
    private Task<bool>? _pending;

    private WatchReader(WatchStream stream)
    {
        _stream = stream;
        _events = stream.GetAsyncEnumerator(_stop.Token);
    }

    public static async Task<WatchReader> OpenAsync(ResourceStore store, ListQuery query, string ns = "") =>
        new(await store.OpenWatchAsync(WatchTestEnvironment.Scope(ns), query, CancellationToken.None));

    /// <summary>"TYPE name revision", the form the assertions compare.</summary>
    public static string Describe(ObjectEvent e) => $"{e.Type} {ObjectJson.Name(e.Object)} {e.Revision}";

    /// <summary>The next event; fails when the stream ends or nothing comes in time.</summary>
    public async Task<ObjectEvent> NextAsync()
    {
        if (!await MoveNextAsync())
        {
            throw new Xunit.Sdk.XunitException("the watch ended");
        }

        return _events.Current;
    }

    public async Task<List<string>> TakeAsync(int count)
    {
        var result = new List<string>();
        for (var i = 0; i < count; i++)
        {
            result.Add(Describe(await NextAsync()));
        }

        return result;
    }

    /// <summary>Reads until the stream ends; returns what it delivered before that.</summary>
    public async Task<List<string>> DrainAsync()
    {
        var result = new List<string>();
        while (await MoveNextAsync())
        {
            result.Add(Describe(_events.Current));
        }

        return result;
    }

    /// <summary>Cancels the enumeration (as a client disconnect does).</summary>
    public Task CancelAsync() => _stop.CancelAsync();

    /// <summary>Whether the stream ends (within the timeout) instead of delivering another event.</summary>
    public async Task<bool> EndsAsync() => !await MoveNextAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_pending is not null)
        {
            await _pending;
        }

        await _events.DisposeAsync();
        await _stream.DisposeAsync();
        _stop.Dispose();
    }

    private async Task<bool> MoveNextAsync()
    {
        _pending ??= _events.MoveNextAsync().AsTask();
        var result = await _pending.WaitAsync(WatchTestEnvironment.Timeout);
        _pending = null;
        return result;
    }
}

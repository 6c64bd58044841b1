using VirtRigaud.Client;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Controllers.Tests.Testing;

namespace VirtRigaud.Controllers.Tests.Snapshots;

/// <summary>
/// A <see cref="ControllerManager"/> running in the background over a client of its own (the real client, with its
/// default rate limit), so that the test's own API calls never share its request budget. Disposing stops it as SIGTERM
/// would and waits for it.
/// </summary>
public sealed class TestManager : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly VirtRigaudClient _client;
    private readonly Task _run;

    private TestManager(VirtRigaudClient client, ControllerManager manager)
    {
        _client = client;
        Manager = manager;
        _run = Task.Run(() => manager.RunAsync(_stop.Token));
    }

    public ControllerManager Manager { get; }

    public static TestManager Start(ApiServerFixture fixture, Action<ControllerManager> compose, TimeProvider? time = null)
    {
        var client = fixture.NewClient();
        var manager = new ControllerManager(client, new ControllerManagerOptions(), timeProvider: time);
        compose(manager);
        return new TestManager(client, manager);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Wait.DefaultTimeout);
        await Manager.DisposeAsync();
        _client.Dispose();
        _stop.Dispose();
    }
}

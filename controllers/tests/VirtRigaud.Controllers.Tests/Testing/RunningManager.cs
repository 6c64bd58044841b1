using System.Net;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Tests.Testing;

/// <summary>A <see cref="ControllerManager"/> running in the background with its HTTP endpoints on free loopback ports; disposing stops both.</summary>
public sealed class RunningManager : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private RunningManager(ControllerManager manager, ManagerHttpServer http, Task run)
    {
        Manager = manager;
        Http = http;
        Run = run;
    }

    public ControllerManager Manager { get; }

    public ManagerHttpServer Http { get; }

    /// <summary>The manager's <see cref="ControllerManager.RunAsync"/>.</summary>
    public Task Run { get; private set; }

    public static async Task<RunningManager> StartAsync(ApiServerFixture fixture, Action<ControllerManager> compose, ControllerManagerOptions? options = null, TimeProvider? time = null)
    {
        var manager = new ControllerManager(fixture.Client, options ?? new ControllerManagerOptions(), timeProvider: time);
        compose(manager);
        var http = await ManagerHttpServer.StartAsync(manager, new ManagerHttpServerOptions
        {
            HealthProbeEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            MetricsEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
        }, CancellationToken.None);
        var running = new RunningManager(manager, http, Task.CompletedTask);
        running.Run = Task.Run(() => manager.RunAsync(running._stop.Token));
        return running;
    }

    /// <summary>Stops the manager (as SIGTERM would) and waits for it.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(Wait.DefaultTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Http.DisposeAsync();
        await Manager.DisposeAsync();
        _stop.Dispose();
    }
}

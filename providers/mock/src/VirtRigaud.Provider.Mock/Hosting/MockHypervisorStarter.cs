using Microsoft.Extensions.Hosting;
using VirtRigaud.Provider.Mock.Hypervisor;

namespace VirtRigaud.Provider.Mock.Hosting;

/// <summary>Starts the hypervisor (loads the state file) with the host, before the gRPC port accepts calls.</summary>
internal sealed class MockHypervisorStarter(MockHypervisor hypervisor) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => hypervisor.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

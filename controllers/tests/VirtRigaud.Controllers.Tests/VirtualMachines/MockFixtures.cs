namespace VirtRigaud.Controllers.Tests.VirtualMachines;

/// <summary>A mock provider process shared by the tests of one class (each test uses VM names of its own: the mock keys VMs by name).</summary>
public abstract class MockFixture : IAsyncLifetime
{
    public MockProviderProcess Mock { get; private set; } = null!;

    /// <summary>The mock's flags.</summary>
    protected abstract string[] Arguments { get; }

    public async Task InitializeAsync() => Mock = await MockProviderProcess.StartAsync(Arguments);

    public async Task DisposeAsync() => await Mock.DisposeAsync();
}

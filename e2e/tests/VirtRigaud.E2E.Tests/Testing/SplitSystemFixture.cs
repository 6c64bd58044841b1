namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>A <see cref="SplitSystem"/> (API server and manager as separate processes) shared by the tests of a class.</summary>
public sealed class SplitSystemFixture : IAsyncLifetime
{
    /// <summary>The running system.</summary>
    public SplitSystem System { get; } = new(SystemSettings.Create());

    /// <inheritdoc />
    public Task InitializeAsync() => System.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await System.DisposeAsync();
}

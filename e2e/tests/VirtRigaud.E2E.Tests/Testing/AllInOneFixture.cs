namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>
/// One running <c>make run</c> shared by the tests of a class (each test works in a namespace of its own, with its own
/// Local mock Provider): a system start costs more than most of the tests.
/// </summary>
public sealed class AllInOneFixture : IAsyncLifetime
{
    /// <summary>
    /// Manager flags of the shared system: a circuit breaker that probes again after 5 s instead of upstream's 60 s, so a
    /// recovery is seen within a test's time.
    /// </summary>
    public const string ManagerArgs = "--circuit-breaker-reset-timeout=5s";

    /// <summary>The running system.</summary>
    public AllInOneSystem System { get; } = new(SystemSettings.Create(ManagerArgs));

    /// <inheritdoc />
    public Task InitializeAsync() => System.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await System.DisposeAsync();
}

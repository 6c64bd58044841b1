using VirtRigaud.Grpc;
using VirtRigaud.Provider.Conformance.Tests.Testing;
using VirtRigaud.Provider.Contract;
using Xunit.Abstractions;

namespace VirtRigaud.Provider.Conformance.Tests;

/// <summary>The mock provider, in-process with every capability and asynchronous tasks, passes every conformance case.</summary>
public sealed class MockConformanceTests(MockConformanceTests.Provider provider, ITestOutputHelper output)
    : ProviderConformanceTests(output), IClassFixture<MockConformanceTests.Provider>
{
    protected override ProviderClient Client => provider.Started.Client;

    protected override CallInvoker? Invoker => provider.Started.Invoker;

    protected override ConformanceFixture Fixture => provider.Inputs;

    protected override ConformanceRunnerOptions RunnerOptions => MockProviders.RunnerOptions;

    /// <summary>One mock for the class: the cases' names never collide (each runner has its own prefix).</summary>
    public sealed class Provider : IAsyncLifetime
    {
        private readonly TemporaryDirectory _inputs = new();
        private InProcessProvider? _started;

        internal InProcessProvider Started => _started ?? throw new InvalidOperationException("not started");

        public ConformanceFixture Inputs { get; private set; } = ConformanceFixture.Default;

        public async Task InitializeAsync()
        {
            Inputs = MockProviders.Inputs(_inputs.Path);
            _started = await MockProviders.StartAsync(MockProviders.TaskDuration);
        }

        public async Task DisposeAsync()
        {
            if (_started is not null)
            {
                await _started.DisposeAsync();
            }

            _inputs.Dispose();
        }
    }
}

namespace VirtRigaud.Provider.Sdk.Tests.Testing;

/// <summary>Generous bounds for waits: the CI machine is loaded, and a wait that times out is a failure, never a pass.</summary>
internal static class Wait
{
    /// <summary>How long anything a test awaits may take before the test fails.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    /// <summary>A token that fires after <see cref="Long"/>.</summary>
    public static CancellationToken Token() => new CancellationTokenSource(Long).Token;
}

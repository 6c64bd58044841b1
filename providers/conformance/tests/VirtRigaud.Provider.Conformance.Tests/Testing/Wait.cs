namespace VirtRigaud.Provider.Conformance.Tests.Testing;

/// <summary>Bounds on every wait in these tests: generous, because the CI machine is loaded, yet finite.</summary>
internal static class Wait
{
    /// <summary>A provider start, a case run, a process exit.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    /// <summary>A whole conformance run in a child process.</summary>
    public static readonly TimeSpan Run = TimeSpan.FromMinutes(4);
}

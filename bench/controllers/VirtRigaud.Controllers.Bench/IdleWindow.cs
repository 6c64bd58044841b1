namespace VirtRigaud.Controllers.Bench;

/// <summary>CPU used by each process over one idle window, and the reconciles the manager did in it. Immutable.</summary>
internal sealed record IdleWindow
{
    public required int Vms { get; init; }

    public required double Seconds { get; init; }

    public required double ManagerCpuSeconds { get; init; }

    public required double ApiServerCpuSeconds { get; init; }

    public required double ProviderCpuSeconds { get; init; }

    public required double Reconciles { get; init; }

    public required double ManagerRssMiB { get; init; }

    /// <summary>The manager's CPU as a share of one core (1.0 = one core busy).</summary>
    public double ManagerCores => ManagerCpuSeconds / Seconds;

    public double ApiServerCores => ApiServerCpuSeconds / Seconds;

    public double ProviderCores => ProviderCpuSeconds / Seconds;
}

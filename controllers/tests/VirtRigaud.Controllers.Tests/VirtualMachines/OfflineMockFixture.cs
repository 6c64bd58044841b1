namespace VirtRigaud.Controllers.Tests.VirtualMachines;

/// <summary>A mock that cannot reconfigure a running VM and creates VMs slowly (a 3 s task), for power-cycles and restarts mid-create.</summary>
public sealed class OfflineMockFixture : MockFixture
{
    protected override string[] Arguments => ["--templates", "ubuntu", "--task-duration", "0s", "--task-durations", "Create=3s", "--guest-shutdown-duration", "200ms", "--disable-capabilities", "reconfigure-online"];
}

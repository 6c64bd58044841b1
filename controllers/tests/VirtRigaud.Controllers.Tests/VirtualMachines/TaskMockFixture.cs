namespace VirtRigaud.Controllers.Tests.VirtualMachines;

/// <summary>A mock whose every operation is a 300 ms task and whose guests shut down in 200 ms.</summary>
public sealed class TaskMockFixture : MockFixture
{
    protected override string[] Arguments => ["--templates", "ubuntu", "--task-duration", "300ms", "--guest-shutdown-duration", "200ms"];
}

namespace VirtRigaud.Controllers.Tests.VirtualMachines;

/// <summary>A mock whose operations complete synchronously (as libvirt's), for fault injection.</summary>
public sealed class SyncMockFixture : MockFixture
{
    protected override string[] Arguments => ["--templates", "ubuntu", "--task-duration", "0s"];
}

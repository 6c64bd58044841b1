namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>A domain's state as <c>virsh domstate</c> prints it.</summary>
internal enum DomainState
{
    NoState,
    Running,
    Blocked,
    Paused,
    InShutdown,
    ShutOff,
    Crashed,
    PmSuspended,
}

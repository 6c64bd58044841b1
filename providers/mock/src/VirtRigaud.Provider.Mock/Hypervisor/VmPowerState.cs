namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>
/// The mock's detailed power state. A VM rests in <see cref="On"/> or <see cref="Off"/>; the others are transitions
/// that last as long as the operation's task (see <see cref="MockHypervisorOptions.TaskDuration"/>).
/// <code>
/// state         reported power_state  guest IPs  console  entered by                      ends in
/// Off           Off                   no         no       create, hard off, shutdown end  —
/// Starting      Off                   no         no       POWER_OP_ON                     On
/// On            On                    yes*       yes      start end, reboot end           —
/// Rebooting     On                    no         yes      POWER_OP_REBOOT                 On
/// ShuttingDown  On                    no         yes      POWER_OP_SHUTDOWN_GRACEFUL      Off (graceful, or forced at the timeout)
/// Stopping      On                    no         yes      POWER_OP_OFF                    Off
/// </code>
/// * only with guest tools (class guestToolsPolicy other than skip/uninstall), as a guest agent reports them.
/// </summary>
public enum VmPowerState
{
    Off,
    Starting,
    On,
    Rebooting,
    ShuttingDown,
    Stopping,
}

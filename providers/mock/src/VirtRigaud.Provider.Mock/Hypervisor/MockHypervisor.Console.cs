using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Mock.Hypervisor;

public sealed partial class MockHypervisor
{
    /// <summary>
    /// Attaches to a running VM's serial console. The returned token is cancelled when the guest stops (hard off, the
    /// end of a shutdown, a revert to a snapshot without memory) or the VM is deleted. Read-only.
    /// </summary>
    /// <exception cref="ProviderException">UNIMPLEMENTED (console streaming switched off), NOT_FOUND, FAILED_PRECONDITION (not running).</exception>
    public ConsoleAttachment AttachConsole(string vmId)
    {
        if (!Capabilities.ConsoleStream)
        {
            throw ProviderErrors.Unimplemented("serial console streaming");
        }

        lock (_gate)
        {
            EnsureStarted();
            var vm = RequireVm(vmId);
            var now = _time.GetUtcNow();
            if (Reported(DetailedState(vm, now)) != "On" || vm.RunCancellation is not { } run)
            {
                throw ProviderErrors.FailedPrecondition($"vm \"{vm.Id}\" is powered off: its console is not available");
            }

            return new ConsoleAttachment(vm.Id, vm.Name, run.Token);
        }
    }
}

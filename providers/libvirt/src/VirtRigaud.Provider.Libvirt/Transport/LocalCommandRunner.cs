namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>
/// Runs commands on this machine (endpoints <c>qemu:///system</c>, <c>test:///default</c>): the argument vector goes
/// to the process as is, with <c>LC_ALL=C</c> so tools answer in the language the error mapping reads. A semaphore caps
/// concurrent commands like the ssh runner.
/// </summary>
internal sealed class LocalCommandRunner(int maxConcurrentCommands) : ICommandRunner
{
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal) { ["LC_ALL"] = "C" };
    private readonly SemaphoreSlim _slots = new(maxConcurrentCommands, maxConcurrentCommands);

    /// <inheritdoc />
    public bool IsRemote => false;

    /// <inheritdoc />
    public async Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, ReadOnlyMemory<byte>? standardInput, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ProcessRunner.RunAsync(arguments[0], arguments.Skip(1), Environment, standardInput, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _slots.Dispose();
        return ValueTask.CompletedTask;
    }
}

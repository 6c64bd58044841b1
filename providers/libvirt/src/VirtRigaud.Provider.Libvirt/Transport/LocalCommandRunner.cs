namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>
/// Runs commands on this machine (endpoints <c>qemu:///system</c>, <c>test:///default</c>): the argument vector goes
/// to the process as is, with <c>LC_ALL=C</c> so tools answer in the language the error mapping reads. A semaphore caps
/// concurrent commands like the ssh runner.
/// </summary>
internal sealed class LocalCommandRunner(int maxConcurrentCommands) : ICommandRunner
{
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal) { ["LC_ALL"] = "C" };
    private const string ScriptExecutable = "/usr/bin/script";
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
    public async Task<CommandResult> RunStreamingAsync(
        IReadOnlyList<string> arguments,
        Func<Stream, CancellationToken, Task>? writeInput,
        Func<Stream, CancellationToken, Task>? readOutput,
        CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ProcessRunner.RunStreamingAsync(arguments[0], arguments.Skip(1), Environment, writeInput, readOutput, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Runs the command under util-linux <c>script</c>, which gives it a pseudo-terminal of its own (the argument vector
    /// is single-quoted into script's one command line, so nothing in it is shell syntax).
    /// </summary>
    public TerminalProcess StartWithTerminal(IReadOnlyList<string> arguments) =>
        TerminalProcess.Start(ScriptExecutable, ["--quiet", "--return", "--command", ShellQuoting.Join(arguments), "/dev/null"], Environment);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _slots.Dispose();
        return ValueTask.CompletedTask;
    }
}

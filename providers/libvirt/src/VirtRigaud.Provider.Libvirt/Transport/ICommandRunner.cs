namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>
/// Runs commands (virsh, qemu-img, genisoimage, …) where the hypervisor is: locally, or on the host over ssh. Arguments
/// are a vector and are never interpreted by a shell as syntax. Implementations are thread-safe.
/// </summary>
internal interface ICommandRunner : IAsyncDisposable
{
    /// <summary>Whether commands run on another machine (paths are that machine's).</summary>
    bool IsRemote { get; }

    /// <summary>Runs <paramref name="arguments"/> (program first) and returns its result; a non-zero exit is a result, not an exception.</summary>
    /// <param name="arguments">The program and its arguments.</param>
    /// <param name="standardInput">Bytes written to the command's standard input (then closed); <see langword="null"/> = empty input.</param>
    /// <param name="cancellationToken">Cancels the command (the local process is killed).</param>
    /// <exception cref="SshTransportException">ssh could not run the command on the host (after the transient retries).</exception>
    Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, ReadOnlyMemory<byte>? standardInput, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="arguments"/> (program first) with its standard input fed by <paramref name="writeInput"/>
    /// and/or its standard output read by <paramref name="readOutput"/> as byte streams — a disk image on its way to or
    /// from object storage — and its standard error captured. Without <paramref name="writeInput"/> the input is empty;
    /// without <paramref name="readOutput"/> the output is captured as text. Not retried (bytes may have moved).
    /// </summary>
    /// <returns>The command's result (standard output empty when <paramref name="readOutput"/> read it); a non-zero exit is a result.</returns>
    /// <exception cref="SshTransportException">ssh could not run the command on the host.</exception>
    /// <remarks>
    /// When a callback throws, the command is killed and the callback's exception propagates — unless the command had
    /// already failed on its own (exited non-zero, which is why writing to it failed): then its result is returned, as
    /// its error says more than a broken pipe.
    /// </remarks>
    Task<CommandResult> RunStreamingAsync(
        IReadOnlyList<string> arguments,
        Func<Stream, CancellationToken, Task>? writeInput,
        Func<Stream, CancellationToken, Task>? readOutput,
        CancellationToken cancellationToken);

    /// <summary>
    /// Starts <paramref name="arguments"/> (program first) attached to a pseudo-terminal where the command runs, for
    /// commands that refuse to run without one (<c>virsh console</c>). The terminal's output, including the command's
    /// standard error, comes out of <see cref="TerminalProcess.Output"/>. Not counted against the concurrent-command cap
    /// (a console session lasts as long as its user wants).
    /// </summary>
    /// <exception cref="InvalidOperationException">The launcher (ssh, script) could not be started.</exception>
    TerminalProcess StartWithTerminal(IReadOnlyList<string> arguments);
}

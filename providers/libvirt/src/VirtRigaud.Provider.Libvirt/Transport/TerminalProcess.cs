using System.Diagnostics;
using System.Text;

namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>
/// A running interactive command attached to a terminal (see <see cref="ICommandRunner.StartWithTerminal"/>): bytes
/// written to <see cref="Input"/> reach the terminal, what the terminal shows comes out of <see cref="Output"/>.
/// Diagnostics of the launcher itself (ssh's own errors) are collected apart in <see cref="LauncherErrors"/>.
/// Disposing kills the process tree. Thread-safe for one reader of <see cref="Output"/> and one writer of <see cref="Input"/>.
/// </summary>
internal sealed class TerminalProcess : IDisposable
{
    private const int MaxLauncherErrorChars = 4096;
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly Task _errorPump;

    private TerminalProcess(Process process)
    {
        _process = process;
        _errorPump = PumpErrorsAsync();
    }

    /// <summary>Bytes to the terminal (keystrokes).</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>Bytes the terminal shows; ends when the command ends.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>The launcher's own standard error (ssh diagnostics), at most 4 KiB; complete once <see cref="WaitForExitAsync"/> returned.</summary>
    public string LauncherErrors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/>.</summary>
    /// <exception cref="InvalidOperationException">The executable could not be started; the message names it.</exception>
    public static TerminalProcess Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        new(ProcessRunner.Start(executable, arguments, environment));

    /// <summary>Waits for the command to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _errorPump.ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Ends the command (and what it started) now. Idempotent.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private async Task PumpErrorsAsync()
    {
        var buffer = new char[1024];
        int read;
        while ((read = await _process.StandardError.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (_errors)
            {
                if (_errors.Length < MaxLauncherErrorChars)
                {
                    _errors.Append(buffer, 0, Math.Min(read, MaxLauncherErrorChars - _errors.Length));
                }
            }
        }
    }
}

namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>What one command printed and how it exited.</summary>
/// <param name="ExitCode">The command's exit code (for a remote command: the remote command's, or 255 for an ssh failure).</param>
/// <param name="StandardOutput">Standard output, UTF-8.</param>
/// <param name="StandardError">Standard error, UTF-8.</param>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Whether the command exited 0.</summary>
    public bool Succeeded => ExitCode == 0;
}

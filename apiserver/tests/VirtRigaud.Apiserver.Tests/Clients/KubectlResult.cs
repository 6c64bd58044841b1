namespace VirtRigaud.Apiserver.Tests.Clients;

/// <summary>What one finished client run printed, and its exit code.</summary>
/// <param name="CommandLine">The command as a user would type it (for failure messages).</param>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StandardOutput">Everything written to standard output.</param>
/// <param name="StandardError">Everything written to standard error.</param>
public sealed record KubectlResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The whole run, for assertion messages.</summary>
    public override string ToString() =>
        $"$ {CommandLine}\nexit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

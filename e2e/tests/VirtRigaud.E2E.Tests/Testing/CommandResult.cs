namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult
{
    public required string Command { get; init; }

    public required int ExitCode { get; init; }

    public required string StandardOutput { get; init; }

    public required string StandardError { get; init; }

    /// <summary>The whole result, for failure messages.</summary>
    public override string ToString() =>
        $"$ {Command}\nexit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

namespace VirtRigaud.Client.Authentication;

/// <summary>A fixed token from the configuration; a 401 cannot be cured by asking again.</summary>
internal sealed class StaticTokenSource(string token) : IBearerTokenSource
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);

    public bool Invalidate() => false;
}

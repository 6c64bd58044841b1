namespace VirtRigaud.Client.Authentication;

/// <summary>Where the bearer token of a request comes from: fixed, a (rotating) file, or an exec plugin.</summary>
internal interface IBearerTokenSource
{
    /// <summary>The token to send now; null sends none. May read a file or run a plugin; thread-safe.</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called after a 401: drops the cached credential so the next <see cref="GetTokenAsync"/> fetches a fresh one.
    /// Returns whether a fresh fetch can give a different answer (a retry is worthwhile).
    /// </summary>
    bool Invalidate();
}

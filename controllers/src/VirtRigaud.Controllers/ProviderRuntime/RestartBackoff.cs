namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// The restart delay of a Local provider process, like the kubelet's CrashLoopBackOff: the first restart waits
/// <see cref="LocalProviderOptions.RestartBackoffInitial"/>, each further one twice as long up to
/// <see cref="LocalProviderOptions.RestartBackoffMax"/>, and a process that ran at least
/// <see cref="LocalProviderOptions.StableAfter"/> before exiting starts over at the initial delay. Not thread-safe:
/// owned by one process loop.
/// </summary>
internal sealed class RestartBackoff(LocalProviderOptions options)
{
    private TimeSpan _last = TimeSpan.Zero;

    /// <summary>The delay before the next start, given how long the process that just exited had run. Mutates the state.</summary>
    public TimeSpan Next(TimeSpan ranFor)
    {
        if (ranFor >= options.StableAfter || _last == TimeSpan.Zero)
        {
            _last = options.RestartBackoffInitial;
            return _last;
        }

        var doubled = _last * 2;
        _last = doubled > options.RestartBackoffMax ? options.RestartBackoffMax : doubled;
        return _last;
    }
}

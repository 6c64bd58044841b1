namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>Where a Local provider process is in its life.</summary>
public enum LocalProcessState
{
    /// <summary>Started; not yet answering <c>/healthz</c>.</summary>
    Starting,

    /// <summary>Answering <c>/healthz</c>.</summary>
    Running,

    /// <summary>Exited (or could not start); restarting after a back-off.</summary>
    BackingOff,

    /// <summary>Stopped for good (the Provider was deleted or changed, or the manager stops).</summary>
    Stopped,
}

namespace VirtRigaud.Client.LeaderElection;

/// <summary>
/// An <see cref="ILeaseStore"/> write lost an optimistic-concurrency race (HTTP 409 Conflict or AlreadyExists, or the
/// lock vanished): the elector reads the lock again at its next try.
/// </summary>
public sealed class LeaseConflictException : Exception
{
    public LeaseConflictException()
        : base("the lock was changed concurrently")
    {
    }

    public LeaseConflictException(string message)
        : base(message)
    {
    }

    public LeaseConflictException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

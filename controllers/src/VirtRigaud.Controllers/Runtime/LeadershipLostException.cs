namespace VirtRigaud.Controllers.Runtime;

/// <summary>The manager lost its lease while running; the process must exit so that it cannot act as a second leader.</summary>
public sealed class LeadershipLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LeadershipLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LeadershipLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LeadershipLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace VirtRigaud.Provider.Contract;

/// <summary>
/// A provider task finished with an error (<c>TaskStatusResponse.error</c>). The message is upstream's
/// <c>"task failed: &lt;error&gt;"</c>.
/// </summary>
public sealed class ProviderTaskFailedException : Exception
{
    public ProviderTaskFailedException(string taskId, string taskError)
        : base($"task failed: {taskError}")
    {
        TaskId = taskId;
        TaskError = taskError;
    }

    public ProviderTaskFailedException()
        : this("", "")
    {
    }

    public ProviderTaskFailedException(string message)
        : base(message)
    {
        TaskId = "";
        TaskError = message;
    }

    public ProviderTaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskId = "";
        TaskError = message;
    }

    /// <summary>The task's id.</summary>
    public string TaskId { get; }

    /// <summary>The provider's error text.</summary>
    public string TaskError { get; }
}

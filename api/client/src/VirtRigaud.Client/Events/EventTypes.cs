namespace VirtRigaud.Client.Events;

/// <summary>The two event types Kubernetes accepts (core/v1 <c>EventTypeNormal</c>, <c>EventTypeWarning</c>).</summary>
public static class EventTypes
{
    /// <summary>Information: something expected happened.</summary>
    public const string Normal = "Normal";

    /// <summary>Something went wrong or needs attention.</summary>
    public const string Warning = "Warning";
}

namespace VirtRigaud.Api.Machinery;

/// <summary>The <c>type</c> of a watch event.</summary>
public static class WatchEventType
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";
}

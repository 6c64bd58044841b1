namespace VirtRigaud.Provider.Conformance;

/// <summary>The names of the conformance cases, as the command line and the JUnit report spell them.</summary>
public static class ConformanceCaseNames
{
    public const string Validate = "validate";
    public const string Capabilities = "capabilities";
    public const string DescribeMissing = "describe-missing";
    public const string CreateIdempotent = "create-idempotent";
    public const string ListVms = "list-vms";
    public const string PowerCycle = "power-cycle";
    public const string GracefulShutdown = "graceful-shutdown";
    public const string Reconfigure = "reconfigure";
    public const string SnapshotCreateRevertDelete = "snapshot-create-revert-delete";
    public const string CloneFull = "clone-full";
    public const string CloneLinked = "clone-linked";
    public const string ImagePrepare = "image-prepare";
    public const string ExportImportRoundtrip = "export-import-roundtrip";
    public const string TaskStatus = "task-status";
    public const string WatchTask = "watch-task";
    public const string ConsoleStream = "console-stream";
    public const string ErrorCodes = "error-codes";
}

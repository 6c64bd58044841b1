using Microsoft.Extensions.Logging;

namespace VirtRigaud.Storage;

/// <summary>Log events of the <see cref="Compactor"/>; event IDs are stable.</summary>
internal static partial class CompactorLog
{
    [LoggerMessage(1, LogLevel.Information, "Compacted storage at revision {Revision}")]
    public static partial void Compacted(ILogger logger, long revision);

    [LoggerMessage(2, LogLevel.Warning, "Compacting storage at revision {Revision} failed; retrying at the next tick")]
    public static partial void CompactionFailed(ILogger logger, long revision, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Reading the current revision for compaction failed; retrying at the next tick")]
    public static partial void RevisionReadFailed(ILogger logger, Exception exception);
}

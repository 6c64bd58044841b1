using Microsoft.Extensions.Logging;

namespace VirtRigaud.Grpc.Tests.Security;

/// <summary>One message a <see cref="RecordingLogger"/> received.</summary>
internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

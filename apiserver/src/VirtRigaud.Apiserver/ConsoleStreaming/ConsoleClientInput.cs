namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>One decoded client message (see <see cref="ConsoleCodec.DecodeInput"/>). Immutable.</summary>
/// <param name="Kind">What it asks for.</param>
/// <param name="Data">The bytes, for <see cref="ConsoleClientInputKind.Data"/>.</param>
/// <param name="Columns">The width in character cells, for <see cref="ConsoleClientInputKind.Resize"/>.</param>
/// <param name="Rows">The height in character cells, for <see cref="ConsoleClientInputKind.Resize"/>.</param>
/// <param name="Problem">Why the message is <see cref="ConsoleClientInputKind.Invalid"/>.</param>
public readonly record struct ConsoleClientInput(ConsoleClientInputKind Kind, ReadOnlyMemory<byte> Data = default, uint Columns = 0, uint Rows = 0, string? Problem = null);

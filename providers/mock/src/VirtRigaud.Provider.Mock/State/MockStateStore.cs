using System.Text.Json;

namespace VirtRigaud.Provider.Mock.State;

/// <summary>
/// Reads and writes the state file. A write goes to a temporary file in the same folder, is flushed to disk, and is
/// renamed over the old file, so a crash leaves either the old or the new state, never a torn one. Not thread-safe:
/// the hypervisor calls it under its lock.
/// </summary>
internal sealed class MockStateStore(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The saved state, or <c>null</c> when there is no file yet. Reads only.</summary>
    /// <exception cref="InvalidDataException">The file is not a state document of a version this build reads.</exception>
    public MockStateDocument? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        MockStateDocument? document;
        try
        {
            using var stream = File.OpenRead(Path);
            document = JsonSerializer.Deserialize(stream, MockStateJsonContext.Default.MockStateDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"state file {Path} is not valid: {e.Message}", e);
        }

        if (document is null || document.Version != MockStateDocument.CurrentVersion)
        {
            throw new InvalidDataException($"state file {Path} has version {document?.Version}; this build reads version {MockStateDocument.CurrentVersion}");
        }

        return document;
    }

    /// <summary>Replaces the file with <paramref name="document"/>. Mutates the file system only.</summary>
    public void Save(MockStateDocument document)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, document, MockStateJsonContext.Default.MockStateDocument);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>Directories only the manager's user can enter (0700) and files only it can read (0600), for keys and credentials.</summary>
internal static class PrivateDirectory
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and its parents) and makes it 0700. Idempotent.</summary>
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
        File.SetUnixFileMode(path, DirectoryMode);
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> with mode 0600 from the start (never world-readable, even briefly).</summary>
    public static void WriteFile(string path, string content) => WriteFile(path, System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, replacing it, with mode 0600 from the start.</summary>
    public static void WriteFile(string path, byte[] content)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
        }

        // A rename replaces the file atomically: a provider reading it (credentials are read on every call) never sees half of it.
        File.Move(temporary, path, overwrite: true);
    }
}

namespace VirtRigaud.Grpc.Tests.Security;

/// <summary>A fresh directory under the system temp path, removed with everything in it on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("virtrigaud-tls-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher of a test that failed may still hold the directory; the temp cleaner gets it later.
        }
    }
}

namespace VirtRigaud.Provider.Libvirt.Tests.Testing;

/// <summary>A temporary credentials Secret mount (one file per key), deleted on dispose.</summary>
internal sealed class CredentialsDirectory : IDisposable
{
    public CredentialsDirectory(IReadOnlyDictionary<string, string> keys)
    {
        Path = Directory.CreateTempSubdirectory("virtrigaud-libvirt-credentials-").FullName;
        foreach (var (key, value) in keys)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, key), value);
        }
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

namespace VirtRigaud.Apiserver.Tests.Clients;

/// <summary>Files of the source tree the client suites use (examples, the Python client script).</summary>
public static class RepositoryFiles
{
    /// <summary>The repository root: the first directory above the test assembly holding VirtRigaud.Apiserver.sln.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "VirtRigaud.Apiserver.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("VirtRigaud.Apiserver.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The path of a file under <c>examples/</c>.</summary>
    public static string Example(string fileName) => Path.Combine(Root, "examples", fileName);

    /// <summary>The Python dynamic-client script of this folder.</summary>
    public static string DynamicClientScript =>
        Path.Combine(Root, "apiserver", "tests", "VirtRigaud.Apiserver.Tests", "Clients", "python", "dynamic_client.py");
}

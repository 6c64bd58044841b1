namespace VirtRigaud.Api.V1Beta1.Tests.Examples;

/// <summary>Locates the repository root (the folder holding the solution) from the test binaries.</summary>
internal static class RepositoryPaths
{
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

    public static string Examples => Path.Combine(Root, "examples");
}

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>Where the repository and the build output under test are, found from this test assembly's location.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root (the directory holding <c>VirtRigaud.Apiserver.sln</c>).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The build configuration of this test assembly (<c>…/bin/&lt;Configuration&gt;/net10.0/</c>); the system under test
    /// runs from the same configuration's output, which the project references made sure is built.
    /// </summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";

    /// <summary>The repository's README.md.</summary>
    public static string Readme => Path.Combine(Root, "README.md");

    /// <summary>The repository's examples/ directory.</summary>
    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>hack/run.sh, the all-in-one script.</summary>
    public static string RunScript => Path.Combine(Root, "hack", "run.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VirtRigaud.Apiserver.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (VirtRigaud.Apiserver.sln) not found above " + AppContext.BaseDirectory);
    }
}

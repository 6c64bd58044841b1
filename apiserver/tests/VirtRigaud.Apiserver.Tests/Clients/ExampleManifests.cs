using System.Text.RegularExpressions;

namespace VirtRigaud.Apiserver.Tests.Clients;

/// <summary>
/// The repository's <c>examples/</c> manifests, as a user would apply them to this server (core/v1 Secrets included:
/// a standalone server serves them), each object's namespace moved to the test's own namespace, so tests sharing one
/// server do not see each other's objects.
/// </summary>
public static partial class ExampleManifests
{
    /// <summary>The manifests of <paramref name="fileName"/> (under examples/), in <paramref name="namespace"/>.</summary>
    public static string Load(string fileName, string @namespace)
    {
        var text = File.ReadAllText(RepositoryFiles.Example(fileName));
        var documents = DocumentSeparator().Split(text)
            .Where(d => ApiVersionLine().IsMatch(d))
            .Select(d => MetadataNamespace().Replace(d, "  namespace: " + @namespace));
        return string.Join("\n---\n", documents);
    }

    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^apiVersion:", RegexOptions.Multiline)]
    private static partial Regex ApiVersionLine();

    // metadata.namespace of a top-level object: exactly two spaces of indentation.
    [GeneratedRegex(@"^  namespace: \S+[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex MetadataNamespace();
}

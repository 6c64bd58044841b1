using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.V1Beta1.Tests.Examples;

/// <summary>
/// Every document in <c>examples/</c> is what a user applies unchanged: it must decode, default and validate without
/// errors, warnings or unknown fields, and survive a round trip through the typed model.
/// </summary>
public sealed class ExamplesTests
{
    // Kubernetes kinds the examples may contain besides ours, with the fields they must have.
    private static readonly HashSet<string> CoreKinds = new(StringComparer.Ordinal) { "Secret", "ConfigMap", "Namespace" };

    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Examples, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Examples, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Example_EveryDocument_IsValidAndRoundTrips(string file)
    {
        var documents = KubernetesYaml.ReadDocuments(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, file)));
        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            var apiVersion = (string?)document["apiVersion"];
            var kind = (string?)document["kind"];
            var name = (string?)document["metadata"]?["name"];
            var where = $"{file}: {kind} {name}";
            if (apiVersion == "v1")
            {
                Assert.True(kind is not null && CoreKinds.Contains(kind), $"{where}: unexpected core kind");
                Assert.False(string.IsNullOrEmpty(name), $"{where}: metadata.name is required");
                AssertSecretData(document, where);
                continue;
            }

            var result = ObjectDecoder.Decode(document);
            Assert.True(result.Errors.Count == 0, $"{where}: {result.Errors}");
            Assert.True(result.UnknownFields.Count == 0, $"{where}: unknown fields {string.Join(", ", result.UnknownFields)}");
            Assert.True(result.Warnings.Count == 0, $"{where}: warnings {string.Join("; ", result.Warnings)}");

            // Typed round trip: everything the schema kept survives the C# model.
            var roundTripped = ObjectDecoder.ToJson(result.Object!);
            Assert.True(JsonNode.DeepEquals(result.Json, roundTripped), $"{where}: round trip changed the object\n{result.Json.ToJsonString()}\n{roundTripped.ToJsonString()}");
        }
    }

    [Fact]
    public void Examples_CoverEveryKind()
    {
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Examples, "*.yaml", SearchOption.AllDirectories))
        {
            foreach (var document in KubernetesYaml.ReadDocuments(File.ReadAllText(file)))
            {
                if ((string?)document["apiVersion"] == GroupInfo.ApiVersion)
                {
                    kinds.Add((string)document["kind"]!);
                }
            }
        }

        Assert.Equal(Kinds.All.Select(k => k.Kind).Order(StringComparer.Ordinal), kinds.Order(StringComparer.Ordinal));
    }

    private static void AssertSecretData(JsonNode document, string where)
    {
        if ((string?)document["kind"] != "Secret" || document["data"] is not JsonObject data)
        {
            return;
        }

        foreach (var (key, value) in data)
        {
            Assert.True(value is JsonValue v && v.GetValueKind() == JsonValueKind.String, $"{where}: data.{key} must be a string");
            Assert.True(IsBase64((string)value!), $"{where}: data.{key} is not base64");
        }
    }

    private static bool IsBase64(string s)
    {
        var buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out _);
    }
}

using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Tests.Cache;

/// <summary>Small objects for cache and informer unit tests (metadata is all the cache looks at).</summary>
internal static class TestObjects
{
    public static PartialObjectMetadata Meta(string? ns, string name, string resourceVersion = "1", IReadOnlyDictionary<string, string>? labels = null) =>
        new() { Metadata = new ObjectMeta { Namespace = ns, Name = name, ResourceVersion = resourceVersion, Labels = labels } };

    public static Dictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value);
}

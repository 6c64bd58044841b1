using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Informers;

namespace VirtRigaud.Client.Tests.Informers;

/// <summary>An <see cref="IReflectorStore{T}"/> that records what the reflector tells it, as readable lines.</summary>
internal sealed class RecordingStore : IReflectorStore<PartialObjectMetadata>
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Replace(IReadOnlyCollection<PartialObjectMetadata> items, string resourceVersion) =>
        Record($"replace@{resourceVersion}:{string.Join(",", items.Select(i => i.Metadata.Name).Order(StringComparer.Ordinal))}");

    public void Add(PartialObjectMetadata obj) => Record($"add:{obj.Metadata.Name}@{obj.Metadata.ResourceVersion}");

    public void Update(PartialObjectMetadata obj) => Record($"update:{obj.Metadata.Name}@{obj.Metadata.ResourceVersion}");

    public void Delete(PartialObjectMetadata obj) => Record($"delete:{obj.Metadata.Name}@{obj.Metadata.ResourceVersion}");

    public void Resync() => Record("resync");

    private void Record(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }
}

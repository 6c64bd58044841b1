using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Informers;

namespace VirtRigaud.Client.Tests.Informers;

/// <summary>A handler that records its notifications as readable lines (optionally running a callback first).</summary>
internal sealed class RecordingHandler<T>(Action<string>? onEach = null) : IResourceEventHandler<T>
    where T : class, IKubernetesObject
{
    private readonly List<string> _seen = [];

    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public void OnAdd(T obj, bool isInInitialList) => Record($"add:{Name(obj)}{(isInInitialList ? ":initial" : "")}");

    public void OnUpdate(T oldObj, T newObj) =>
        Record(ReferenceEquals(oldObj, newObj) ? $"resync:{Name(newObj)}" : $"update:{Name(oldObj)}->{newObj.Metadata.ResourceVersion}");

    public void OnDelete(T obj, DeletedFinalStateUnknown<T>? tombstone) =>
        Record(tombstone is null ? $"delete:{Name(obj)}" : $"delete:{Name(obj)}:tombstone:{tombstone.Key}");

    public Task CountAsync(int count) => WorkQueue.Eventually.TrueAsync(() => Seen.Count >= count, $"the handler saw {count} notifications");

    private static string Name(T obj) => $"{obj.Metadata.Name}@{obj.Metadata.ResourceVersion}";

    private void Record(string line)
    {
        onEach?.Invoke(line);
        lock (_seen)
        {
            _seen.Add(line);
        }
    }
}

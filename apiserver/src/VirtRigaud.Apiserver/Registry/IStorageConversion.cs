using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// Converts a resource's objects to and from the form they are stored in, when a resource shares its storage with
/// another representation (events.k8s.io/v1 events are stored as core v1 events, as in kube-apiserver). Conversions
/// are pure: they never mutate their argument and return a new tree; metadata is carried over unchanged.
/// </summary>
public interface IStorageConversion
{
    /// <summary>The resource's form of a stored object (resourceVersion included).</summary>
    JsonObject FromStorage(JsonObject stored);

    /// <summary>The stored form of an object of the resource.</summary>
    JsonObject ToStorage(JsonObject obj);
}

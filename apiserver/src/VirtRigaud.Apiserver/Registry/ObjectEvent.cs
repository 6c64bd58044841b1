using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// One watch event of a resource: ADDED, MODIFIED, DELETED or BOOKMARK (<see cref="VirtRigaud.Api.Machinery.WatchEventType"/>).
/// The object carries its resourceVersion; a bookmark's object has only <c>apiVersion</c>, <c>kind</c> and
/// <c>metadata.resourceVersion</c> (plus the <c>k8s.io/initial-events-end</c> annotation where that applies).
/// Objects are shared between watchers: never mutate them.
/// </summary>
public sealed record ObjectEvent(string Type, JsonObject Object, long Revision);

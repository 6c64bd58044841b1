using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Admission;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// The generic store of one resource (k8s.io/apiserver registry/generic/registry.Store): every verb for every kind,
/// with the kind's differences in an <see cref="IResourceStrategy"/>. Objects are stored as JSON without
/// <c>metadata.resourceVersion</c>; reads set it from the storage revision.
/// </summary>
/// <remarks>
/// The operations live in partial files by verb: ResourceStore.Get.cs, .List.cs, .Create.cs, .Update.cs, .Delete.cs,
/// .Watch.cs. Errors leave as <see cref="StatusException"/> with Kubernetes' codes and messages.
/// </remarks>
public sealed partial class ResourceStore
{
    private readonly IStorage _storage;
    private readonly IReadOnlyList<IAdmissionPlugin> _admission;
    private readonly TimeProvider _time;

    public ResourceStore(KindInfo kind, IStorage storage, IReadOnlyList<IAdmissionPlugin> admission, TimeProvider time)
    {
        Kind = kind;
        Keys = new ResourceKeys(kind.Group, kind.Plural);
        Strategy = new KindStrategy(kind);
        StatusStrategy = new StatusStrategy(kind);
        _storage = storage;
        _admission = admission;
        _time = time;
    }

    public KindInfo Kind { get; }

    public ResourceKeys Keys { get; }

    /// <summary>The strategy of the main resource.</summary>
    public IResourceStrategy Strategy { get; }

    /// <summary>The strategy of <c>/status</c>.</summary>
    public IResourceStrategy StatusStrategy { get; }

    /// <summary>The storage this resource lives in.</summary>
    internal IStorage Storage => _storage;

    /// <summary>Turns a stored item into the object clients see (resourceVersion set from the revision).</summary>
    internal static JsonObject Decode(StorageItem item)
    {
        var obj = ObjectJson.Parse(item.Value);
        SetResourceVersion(obj, item.Revision);
        return obj;
    }

    /// <summary>The bytes stored for an object: its JSON without resourceVersion (the revision is the version).</summary>
    internal static byte[] Encode(JsonObject obj)
    {
        var meta = ObjectJson.Metadata(obj);
        var rv = meta["resourceVersion"];
        meta.Remove("resourceVersion");
        try
        {
            return ObjectJson.ToUtf8Bytes(obj);
        }
        finally
        {
            if (rv is not null)
            {
                meta["resourceVersion"] = rv;
            }
        }
    }

    internal static void SetResourceVersion(JsonObject obj, long revision) =>
        ObjectJson.Metadata(obj)["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Maps a storage failure to the Status kube-apiserver answers with (storage/errors.go → apierrors).</summary>
    internal StatusException ToStatus(StorageException e, string name) => e.Code switch
    {
        StorageErrorCode.KeyNotFound => StatusException.NotFound(Kind.Group, Kind.Plural, name),
        StorageErrorCode.KeyExists => StatusException.AlreadyExists(Kind.Group, Kind.Plural, name),
        StorageErrorCode.Conflict => StatusException.Conflict(Kind.Group, Kind.Plural, name, e.Message),
        StorageErrorCode.ResourceExpired => StatusException.Expired(e.Message),
        StorageErrorCode.TooLargeResourceVersion => VirtRigaud.Apiserver.Watch.WatchCache.TooLargeResourceVersion(e.Message),
        StorageErrorCode.InvalidContinue => StatusException.BadRequest(e.Message),
        StorageErrorCode.RequestTooLarge => StatusException.RequestEntityTooLarge(e.Message),
        StorageErrorCode.Unavailable => StatusException.ServiceUnavailable(e.Message),
        _ => StatusException.InternalError(e.Message),
    };

    private AdmissionRequest AdmissionFor(string operation, RequestScope scope, JsonObject? obj, JsonObject? old, string subresource) => new()
    {
        Operation = operation,
        Group = Kind.Group,
        Version = Kind.Version,
        Kind = Kind.Kind,
        Resource = Kind.Plural,
        Subresource = subresource,
        Namespace = scope.Namespace,
        Name = obj is null ? (old is null ? "" : ObjectJson.Name(old)) : ObjectJson.Name(obj),
        Object = obj,
        OldObject = old,
        User = scope.User,
        DryRun = scope.DryRun,
    };

    private async ValueTask RunAdmissionAsync(bool mutating, AdmissionRequest request, RequestScope scope, CancellationToken cancellationToken)
    {
        foreach (var plugin in _admission)
        {
            if (plugin.Mutates == mutating)
            {
                await plugin.AdmitAsync(request, cancellationToken);
            }
        }

        foreach (var warning in request.Warnings)
        {
            scope.Warn(warning);
        }
    }

    /// <summary>Applies <see cref="RequestScope.FieldValidation"/> to the unknown fields the defaulting pruned.</summary>
    private void HandleUnknownFields(RequestScope scope, IReadOnlyCollection<string> unknown)
    {
        // kube-apiserver's strict decoding errors: duplicates (found by the decoder) before unknown fields (found by pruning).
        var problems = scope.DuplicateFields.Select(f => $"duplicate field \"{f}\"").Concat(unknown.Select(f => $"unknown field \"{f}\"")).ToList();
        if (problems.Count == 0)
        {
            return;
        }

        switch (scope.FieldValidation)
        {
            case FieldValidation.Strict:
                throw StatusException.BadRequest($"{Kind.Kind} in version \"{Kind.Version}\" cannot be handled as a {Kind.Kind}: strict decoding error: {string.Join(", ", problems)}");
            case FieldValidation.Warn:
                foreach (var problem in problems)
                {
                    scope.Warn(problem);
                }

                break;
            case FieldValidation.Ignore:
                break;
        }
    }
}

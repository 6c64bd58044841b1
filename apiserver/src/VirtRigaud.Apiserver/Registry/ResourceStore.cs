using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Admission;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// The generic store of one resource (k8s.io/apiserver registry/generic/registry.Store): every verb for every
/// resource, with the resource's differences in its <see cref="ResourceDefinition"/> (strategies, selectable fields,
/// storage conversion). Objects are stored as JSON without <c>metadata.resourceVersion</c>; reads set it from the
/// storage revision.
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

    /// <summary>The store of a resource. Does no work: the caller attaches and starts a watch cache.</summary>
    public ResourceStore(ResourceDefinition resource, IStorage storage, IReadOnlyList<IAdmissionPlugin> admission, TimeProvider time)
    {
        Kind = resource;
        Keys = ResourceKeys.ForPrefix(resource.StoragePrefix);
        _storage = storage;
        _admission = admission;
        _time = time;
    }

    /// <summary>The store of a kind of <c>infra.virtrigaud.io/v1beta1</c>.</summary>
    public ResourceStore(KindInfo kind, IStorage storage, IReadOnlyList<IAdmissionPlugin> admission, TimeProvider time)
        : this(KindDefinitions.For(kind), storage, admission, time)
    {
    }

    /// <summary>The resource this store serves.</summary>
    public ResourceDefinition Kind { get; }

    public ResourceKeys Keys { get; }

    /// <summary>The strategy of the main resource.</summary>
    public IResourceStrategy Strategy => Kind.Strategy;

    /// <summary>The strategy of <c>/status</c> (the main strategy for a resource without a status subresource).</summary>
    public IResourceStrategy StatusStrategy => Kind.StatusStrategy ?? Kind.Strategy;

    /// <summary>The storage this resource lives in.</summary>
    internal IStorage Storage => _storage;

    /// <summary>Turns a stored item into the object clients see (resourceVersion set from the revision), without conversion.</summary>
    internal static JsonObject Decode(StorageItem item)
    {
        var obj = ObjectJson.Parse(item.Value);
        SetResourceVersion(obj, item.Revision);
        return obj;
    }

    /// <summary>Turns a stored item into this resource's form of the object (converted when the resource has a storage conversion).</summary>
    internal JsonObject DecodeItem(StorageItem item) => Kind.Conversion is { } conversion ? conversion.FromStorage(Decode(item)) : Decode(item);

    /// <summary>The bytes stored for an object of this resource (converted to the stored form first when needed).</summary>
    internal byte[] EncodeObject(JsonObject obj) => Encode(Kind.Conversion is { } conversion ? conversion.ToStorage(obj) : obj);

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
    private void HandleUnknownFields(RequestScope scope, IReadOnlyCollection<string> unknown) => HandleUnknownFields(scope, Kind.Kind, Kind.Version, unknown);

    /// <summary>
    /// Applies <see cref="RequestScope.FieldValidation"/> to a decoded <paramref name="kind"/>'s repeated and unknown
    /// fields: Strict refuses them (400), Warn adds a warning per field, Ignore drops them silently.
    /// </summary>
    internal static void HandleUnknownFields(RequestScope scope, string kind, string version, IReadOnlyCollection<string> unknown)
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
                throw StatusException.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {kind}: strict decoding error: {string.Join(", ", problems)}");
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

using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Fields;
using VirtRigaud.Api.Machinery.Labels;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Apiserver.Security;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Registry.Builtin.Namespaces;

/// <summary>
/// The namespaces of a standalone server. Without kube-apiserver nothing requires a namespace to exist before objects
/// are created in it, so a namespace here is:
/// <list type="table">
/// <item><term>created</term><description>by <c>kubectl create namespace</c> (POST): stored at
/// <c>/registry/namespaces/{name}</c> with its labels and annotations, listed until deleted</description></item>
/// <item><term>built in</term><description><c>default</c>, <c>kube-system</c>, <c>kube-public</c>: always listed, never deleted (403)</description></item>
/// <item><term>in use</term><description>any namespace that holds an object of a stored resource: listed while it does</description></item>
/// </list>
/// GET of any valid name answers an Active namespace (the stored one, or one made up for the name), so that clients
/// that look a namespace up before using it work. Creating a namespace that exists in any of the three senses is 409
/// AlreadyExists. DELETE deletes every object in the namespace (in the background, as kube-controller-manager's
/// namespace controller does; objects with finalizers stay until their controllers remove them, and keep the
/// namespace listed) and the stored namespace, and answers the namespace as Terminating. Thread-safe.
/// </summary>
internal sealed class NamespaceRegistry(IStorage storage, ResourceStoreRegistry stores, TimeProvider time)
{
    /// <summary>The namespaces kube-apiserver always has and never deletes.</summary>
    public static readonly IReadOnlyList<string> BuiltIn = ["default", "kube-public", "kube-system"];

    private const string KeyPrefix = "/namespaces/";
    private const string NameLabel = "kubernetes.io/metadata.name";
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int GenerateNameAttempts = 8;
    private static readonly UserInfo Controller = UserInfo.Create("system:serviceaccount:kube-system:namespace-controller", "system:serviceaccounts", "system:serviceaccounts:kube-system");
    private static readonly string[] SelectableFields = ["metadata.name", "status.phase"];

    /// <summary>The namespace called <paramref name="name"/>: the stored one, else an Active one made up for the name; 404 for an invalid name.</summary>
    public async Task<JsonObject> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (NameValidation.IsDns1123Label(name).Count > 0)
        {
            throw StatusException.NotFound("", "namespaces", name);
        }

        return await ReadStoredAsync(name, cancellationToken) ?? Synthesize(name);
    }

    /// <summary>
    /// Every namespace (created, built in or in use), sorted by name, with the revision of the read; the selectors filter
    /// them (field selectors: <c>metadata.name</c>, <c>status.phase</c>; anything else is a 400).
    /// </summary>
    public async Task<(List<JsonObject> Items, long Revision)> ListAsync(Selector labels, FieldSelector fields, CancellationToken cancellationToken)
    {
        foreach (var requirement in fields.Requirements)
        {
            if (!SelectableFields.Contains(requirement.Field, StringComparer.Ordinal))
            {
                throw StatusException.BadRequest($"field label not supported: {requirement.Field}");
            }
        }

        StorageList stored;
        try
        {
            stored = await storage.ListAsync(KeyPrefix, new ListOptions(), cancellationToken);
        }
        catch (StorageException e)
        {
            throw StatusException.ServiceUnavailable(e.Message);
        }

        var byName = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var item in stored.Items)
        {
            var obj = ResourceStore.Decode(item);
            byName[ObjectJson.Name(obj)] = obj;
        }

        foreach (var name in BuiltIn.Concat(await InUseAsync(cancellationToken)))
        {
            if (!byName.ContainsKey(name))
            {
                byName[name] = Synthesize(name);
            }
        }

        var items = byName.Values
            .Where(ns => labels.Matches(ObjectJson.Labels(ns)) && fields.Matches(field => SelectableFieldValue(ns, field)))
            .ToList();
        return (items, stored.Revision);
    }

    /// <summary>
    /// Creates a namespace from a decoded body (<c>kubectl create namespace</c>): decoded as kube-apiserver decodes a
    /// Namespace (400 for wrong types; unknown fields per <paramref name="scope"/>'s field validation), a DNS label as
    /// name (or a generated one), the <c>kubernetes.io/metadata.name</c> label, the <c>kubernetes</c> finalizer and
    /// phase Active. 409 when the namespace exists (created, built in or in use). Writes nothing on a dry run.
    /// </summary>
    public async Task<JsonObject> CreateAsync(RequestScope scope, JsonObject body, CancellationToken cancellationToken)
    {
        var unknown = new List<string>();
        JsonObject obj;
        try
        {
            obj = GoJson.RoundTrip(body, NamespaceTypes.Namespace, unknown);
        }
        catch (GoDecodeException e)
        {
            throw StatusException.BadRequest($"Namespace in version \"v1\" cannot be handled as a Namespace: {e.Message}");
        }

        ResourceStore.HandleUnknownFields(scope, "Namespace", "v1", unknown);
        if (!string.IsNullOrEmpty(ObjectJson.GetString(obj, "resourceVersion")))
        {
            throw StatusException.BadRequest("resourceVersion should not be set on objects to be created");
        }

        var meta = ObjectJson.Metadata(obj);
        var generateName = ObjectJson.GetString(obj, "generateName");
        var generated = ObjectJson.Name(obj).Length == 0 && !string.IsNullOrEmpty(generateName);
        if (generated)
        {
            meta["name"] = GenerateName(generateName!);
        }

        var now = time.GetUtcNow();
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Rfc3339.Format(now);
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("selfLink");
        ManagedFields.Record(obj, null, NamespaceTypes.Schema, "v1", scope.FieldManager, "", now);

        // The namespace strategy: the kubernetes finalizer, phase Active, and the name label every namespace carries.
        obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        var errors = ValidateNew(obj);
        if (errors.Count > 0)
        {
            throw StatusException.Invalid("", "Namespace", ObjectJson.Name(obj), errors);
        }

        SetNameLabel(obj);
        for (var attempt = 1; ; attempt++)
        {
            var name = ObjectJson.Name(obj);
            if (await ExistsAsync(name, cancellationToken))
            {
                if (generated && attempt < GenerateNameAttempts)
                {
                    meta["name"] = GenerateName(generateName!);
                    SetNameLabel(obj);
                    continue;
                }

                throw StatusException.AlreadyExists("", "namespaces", name);
            }

            if (scope.DryRun)
            {
                return obj;
            }

            try
            {
                var item = await storage.CreateAsync(KeyPrefix + name, ResourceStore.Encode(obj), cancellationToken);
                ResourceStore.SetResourceVersion(obj, item.Revision);
                return obj;
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.KeyExists)
            {
                if (!generated || attempt == GenerateNameAttempts)
                {
                    throw StatusException.AlreadyExists("", "namespaces", name);
                }

                meta["name"] = GenerateName(generateName!);
                SetNameLabel(obj);
            }
            catch (StorageException e)
            {
                throw StatusException.ServiceUnavailable(e.Message);
            }
        }
    }

    /// <summary>
    /// Deletes a namespace: 403 for a built-in one, 404 for one that neither was created nor is in use; otherwise every
    /// object in it is deleted (background propagation; <paramref name="dryRun"/> deletes nothing) and the stored
    /// namespace removed. Returns the namespace as it goes: Terminating, with a deletion timestamp.
    /// </summary>
    public async Task<JsonObject> DeleteAsync(string name, bool dryRun, CancellationToken cancellationToken)
    {
        if (BuiltIn.Contains(name, StringComparer.Ordinal))
        {
            throw StatusException.Forbidden("", "namespaces", name, "this namespace may not be deleted");
        }

        var stored = await ReadStoredAsync(name, cancellationToken);
        if (stored is null && !await HoldsObjectsAsync(name, cancellationToken))
        {
            throw StatusException.NotFound("", "namespaces", name);
        }

        var scope = new RequestScope { User = Controller, Namespace = name, DryRun = dryRun };
        var options = new DeleteOptions { PropagationPolicy = DeletionPropagation.Background };
        foreach (var store in stores.Primary)
        {
            await store.DeleteCollectionAsync(scope, new ListQuery(), options, cancellationToken);
        }

        if (stored is not null && !dryRun)
        {
            try
            {
                await storage.DeleteAsync(KeyPrefix + name, cancellationToken: cancellationToken);
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.KeyNotFound)
            {
                // Deleted by a concurrent request: the outcome is the same.
            }
        }

        var result = stored ?? Synthesize(name);
        ObjectJson.Metadata(result)["deletionTimestamp"] = Rfc3339.Format(time.GetUtcNow());
        result["status"] = new JsonObject { ["phase"] = "Terminating" };
        return result;
    }

    /// <summary>An Active namespace for a name that was never created (what GET and the list show for it).</summary>
    public static JsonObject Synthesize(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { [NameLabel] = name } },
        ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
        ["status"] = new JsonObject { ["phase"] = "Active" },
    };

    private static FieldErrorList ValidateNew(JsonObject obj)
    {
        var meta = obj["metadata"]?.Deserialize(MachineryJsonContext.Default.ObjectMeta) ?? new ObjectMeta();
        return ObjectMetaValidation.ValidateObjectMeta(meta, namespaced: false, NameValidation.ValidateNamespaceName, FieldPath.NewPath("metadata"));
    }

    private static void SetNameLabel(JsonObject obj)
    {
        var meta = ObjectJson.Metadata(obj);
        if (meta["labels"] is not JsonObject labels)
        {
            labels = [];
            meta["labels"] = labels;
        }

        labels[NameLabel] = ObjectJson.Name(obj);
    }

    private static string SelectableFieldValue(JsonObject ns, string field) =>
        field == "metadata.name" ? ObjectJson.Name(ns) : ns["status"]?["phase"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    private static string GenerateName(string prefix)
    {
        const int maxPrefix = 63 - 5;
        var head = prefix.Length > maxPrefix ? prefix[..maxPrefix] : prefix;
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = GenerateNameAlphabet[RandomNumberGenerator.GetInt32(GenerateNameAlphabet.Length)];
        }

        return string.Concat(head, suffix);
    }

    private async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        BuiltIn.Contains(name, StringComparer.Ordinal)
        || await ReadStoredAsync(name, cancellationToken) is not null
        || await HoldsObjectsAsync(name, cancellationToken);

    private async Task<JsonObject?> ReadStoredAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var item = await storage.GetAsync(KeyPrefix + name, new GetOptions(IgnoreNotFound: true), cancellationToken);
            return item is null ? null : ResourceStore.Decode(item);
        }
        catch (StorageException e)
        {
            throw StatusException.ServiceUnavailable(e.Message);
        }
    }

    /// <summary>The namespaces that hold at least one stored object: a consistent read of the stores' keys (values are not decoded).</summary>
    private async Task<HashSet<string>> InUseAsync(CancellationToken cancellationToken)
    {
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var store in stores.Primary)
        {
            var keys = store.Keys;
            var options = new ListOptions
            {
                Predicate = item =>
                {
                    var ns = keys.Parse(item.Key).Namespace;
                    lock (namespaces)
                    {
                        namespaces.Add(ns);
                    }

                    return false;
                },
            };
            try
            {
                await storage.ListAsync(keys.ResourcePrefix, options, cancellationToken);
            }
            catch (StorageException e)
            {
                throw StatusException.ServiceUnavailable(e.Message);
            }
        }

        return namespaces;
    }

    /// <summary>Whether <paramref name="name"/> holds at least one stored object (a consistent count per resource).</summary>
    private async Task<bool> HoldsObjectsAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var store in stores.Primary)
        {
            try
            {
                if (await storage.CountAsync(store.Keys.Prefix(name), cancellationToken) > 0)
                {
                    return true;
                }
            }
            catch (StorageException e)
            {
                throw StatusException.ServiceUnavailable(e.Message);
            }
        }

        return false;
    }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Registry;

public sealed partial class ResourceStore
{
    private const int GenerateNameAttempts = 8;
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>
    /// CREATE (POST to the collection): defaults, admission, system metadata (uid, creationTimestamp, generation,
    /// a generated name), validation, then a create-if-absent in storage. Returns the stored object. With
    /// <see cref="RequestScope.DryRun"/> nothing is written and the object is returned as it would have been stored.
    /// </summary>
    public async Task<JsonObject> CreateAsync(RequestScope scope, JsonObject obj, CancellationToken cancellationToken)
    {
        CheckNamespace(scope, obj);
        if (!string.IsNullOrEmpty(ObjectJson.GetString(obj, "resourceVersion")))
        {
            throw StatusException.BadRequest("resourceVersion should not be set on objects to be created");
        }

        var unknown = new List<string>();
        var warnings = new List<string>();
        Strategy.Default(obj, unknown, warnings);
        HandleUnknownFields(scope, unknown);
        warnings.ForEach(scope.Warn);

        var admission = AdmissionFor("CREATE", scope, obj, null, "");
        await RunAdmissionAsync(mutating: true, admission, scope, cancellationToken);
        obj = admission.Object!;

        ManagedFields.Record(obj, null, Kind.Schema, Kind.ApiVersion, scope.FieldManager, "", _time.GetUtcNow());
        Strategy.PrepareForCreate(obj);
        FillSystemFields(obj);
        var generateName = ObjectJson.GetString(obj, "generateName");
        var generated = string.IsNullOrEmpty(ObjectJson.Name(obj)) && !string.IsNullOrEmpty(generateName);
        if (generated)
        {
            ObjectJson.SetString(obj, "name", GenerateName(generateName!));
        }

        var errors = Strategy.Validate(obj, warnings);
        warnings.ForEach(scope.Warn);
        if (errors.Count > 0)
        {
            throw StatusException.Invalid(Kind.Group, Kind.Kind, ObjectJson.Name(obj), errors);
        }

        await RunAdmissionAsync(mutating: false, AdmissionFor("CREATE", scope, obj, null, ""), scope, cancellationToken);
        Strategy.Canonicalize(obj);

        if (scope.DryRun)
        {
            return obj;
        }

        for (var attempt = 1; ; attempt++)
        {
            var name = ObjectJson.Name(obj);
            try
            {
                var item = await _storage.CreateAsync(Keys.Key(scope.Namespace, name), EncodeObject(obj), cancellationToken);
                SetResourceVersion(obj, item.Revision);
                return obj;
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.KeyExists && generated)
            {
                if (attempt == GenerateNameAttempts)
                {
                    throw StatusException.GenerateNameConflict(Kind.Group, Kind.Plural, name, 1);
                }

                ObjectJson.SetString(obj, "name", GenerateName(generateName!));
            }
            catch (StorageException e)
            {
                throw ToStatus(e, name);
            }
        }
    }

    /// <summary>The object's namespace must be empty (it takes the URL's) or equal to the URL's.</summary>
    private static void CheckNamespace(RequestScope scope, JsonObject obj)
    {
        var ns = ObjectJson.Namespace(obj);
        if (ns.Length == 0)
        {
            ObjectJson.SetString(obj, "namespace", scope.Namespace);
        }
        else if (ns != scope.Namespace)
        {
            throw StatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /// <summary>Sets what the server owns on create (rest.FillObjectMetaSystemFields), dropping what clients may not set.</summary>
    private void FillSystemFields(JsonObject obj)
    {
        var meta = ObjectJson.Metadata(obj);
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Rfc3339.Format(_time.GetUtcNow());
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("selfLink");
    }

    private static string GenerateName(string prefix)
    {
        // names.SimpleNameGenerator: the prefix cut so that the result stays within 63 characters, plus five characters.
        const int maxPrefix = 63 - 5;
        var head = prefix.Length > maxPrefix ? prefix[..maxPrefix] : prefix;
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = GenerateNameAlphabet[RandomNumberGenerator.GetInt32(GenerateNameAlphabet.Length)];
        }

        return string.Concat(head, suffix);
    }
}

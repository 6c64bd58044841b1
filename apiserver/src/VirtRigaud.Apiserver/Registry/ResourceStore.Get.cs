using System.Globalization;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Registry;

public sealed partial class ResourceStore
{
    /// <summary>
    /// GET of one object. <paramref name="resourceVersion"/>: empty = the latest (a consistent read), "0" = any
    /// version, N = not older than N (504 with retry if the store has not reached N yet).
    /// </summary>
    public async Task<JsonObject> GetAsync(RequestScope scope, string name, string? resourceVersion, CancellationToken cancellationToken)
    {
        if (await TryGetFromCacheAsync(scope, name, resourceVersion, cancellationToken) is { } cached)
        {
            return cached;
        }

        var minimum = ParseResourceVersion(resourceVersion);
        try
        {
            var item = await _storage.GetAsync(Keys.Key(scope.Namespace, name), new GetOptions(MinimumRevision: minimum), cancellationToken);
            return DecodeItem(item!);
        }
        catch (StorageException e)
        {
            throw ToStatus(e, name);
        }
    }

    /// <summary>Parses a resourceVersion parameter: empty and "0" are 0; anything but a positive integer is a 400.</summary>
    internal static long ParseResourceVersion(string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion))
        {
            return 0;
        }

        if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var rv) || rv < 0)
        {
            throw StatusException.BadRequest($"invalid resource version: {resourceVersion}");
        }

        return rv;
    }
}

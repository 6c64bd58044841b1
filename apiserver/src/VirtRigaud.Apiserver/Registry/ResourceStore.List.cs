using VirtRigaud.Api.Machinery;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Registry;

public sealed partial class ResourceStore
{
    /// <summary>
    /// LIST of the objects of the scope's namespace (all namespaces when it is empty) that match the selectors, with
    /// Kubernetes' resourceVersion/resourceVersionMatch/limit/continue semantics:
    /// <list type="table">
    /// <item><term>continue</term><description>the next page, at the first page's revision (410 once compacted)</description></item>
    /// <item><term>rv unset</term><description>the latest state (consistent read)</description></item>
    /// <item><term>rv="0"</term><description>any state (served from the watch cache when there is one)</description></item>
    /// <item><term>rv=N, match=Exact, or limit set without match</term><description>the state at N (410 once compacted)</description></item>
    /// <item><term>rv=N, match=NotOlderThan or unset without limit</term><description>the latest state, which must be at least N</description></item>
    /// </list>
    /// </summary>
    public async Task<ObjectListResult> ListAsync(RequestScope scope, ListQuery query, CancellationToken cancellationToken)
    {
        if (await TryListFromCacheAsync(scope, query, cancellationToken) is { } cached)
        {
            return cached;
        }

        var predicate = Predicate(query);
        var rv = ParseResourceVersion(query.ResourceVersion);
        var match = query.ResourceVersionMatch switch
        {
            "Exact" => RevisionMatch.Exact,
            "NotOlderThan" => RevisionMatch.NotOlderThan,
            _ when rv > 0 && query.Limit > 0 => RevisionMatch.Exact,
            _ => RevisionMatch.NotOlderThan,
        };

        var decoded = new Dictionary<StorageItem, System.Text.Json.Nodes.JsonObject>(ReferenceEqualityComparer.Instance);
        var options = new ListOptions
        {
            Revision = string.IsNullOrEmpty(query.Continue) ? rv : 0,
            Match = string.IsNullOrEmpty(query.Continue) ? match : RevisionMatch.Unset,
            Limit = query.Limit,
            Continue = string.IsNullOrEmpty(query.Continue) ? null : query.Continue,
            Predicate = predicate is null ? null : item =>
            {
                // Keep what the filter decoded, so the matching items are not decoded a second time below.
                var obj = DecodeItem(item);
                var matches = predicate(obj);
                if (matches)
                {
                    lock (decoded)
                    {
                        decoded[item] = obj;
                    }
                }

                return matches;
            },
        };

        StorageList page;
        try
        {
            page = await _storage.ListAsync(Keys.Prefix(scope.Namespace), options, cancellationToken);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.ResourceExpired && !string.IsNullOrEmpty(query.Continue))
        {
            throw StatusException.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
        }
        catch (StorageException e)
        {
            throw ToStatus(e, "");
        }

        return new ObjectListResult(page.Items.Select(item => decoded.GetValueOrDefault(item) ?? DecodeItem(item)).ToList(), page.Revision, page.Continue, page.RemainingItemCount);
    }

    /// <summary>
    /// The filter of a list or watch, or null when it selects everything. Field selectors may name only the resource's
    /// selectable fields (<see cref="ResourceDefinition.SelectableFields"/>); any other field is a 400, as kube-apiserver answers.
    /// </summary>
    internal Func<System.Text.Json.Nodes.JsonObject, bool>? Predicate(ListQuery query)
    {
        var supported = Kind.SelectableFields;
        foreach (var requirement in query.FieldSelector.Requirements)
        {
            if (!supported.Contains(requirement.Field))
            {
                throw StatusException.BadRequest($"field label not supported: {requirement.Field}");
            }
        }

        if (query.LabelSelector.IsEmpty && query.FieldSelector.IsEmpty)
        {
            return null;
        }

        var labels = query.LabelSelector;
        var fields = query.FieldSelector;
        var value = Kind.FieldValue;
        return obj => labels.Matches(ObjectJson.Labels(obj)) && fields.Matches(field => value(obj, field));
    }
}

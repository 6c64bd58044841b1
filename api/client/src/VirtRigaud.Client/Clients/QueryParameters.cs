using System.Globalization;

namespace VirtRigaud.Client.Clients;

/// <summary>The query parameters of lists, watches and writes, in client-go's names and order.</summary>
internal static class QueryParameters
{
    /// <summary>A list's or a watch's parameters; unset options are not sent.</summary>
    public static List<KeyValuePair<string, string>> List(ListOptions options, bool watch)
    {
        var query = new List<KeyValuePair<string, string>>();
        if (watch)
        {
            query.Add(new("watch", "true"));
        }

        Add(query, "labelSelector", options.LabelSelector);
        Add(query, "fieldSelector", options.FieldSelector);
        Add(query, "limit", options.Limit?.ToString(CultureInfo.InvariantCulture));
        Add(query, "continue", options.Continue);
        Add(query, "resourceVersion", options.ResourceVersion);
        Add(query, "resourceVersionMatch", options.ResourceVersionMatch);
        Add(query, "timeoutSeconds", options.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture));
        Add(query, "allowWatchBookmarks", options.AllowWatchBookmarks is { } bookmarks ? (bookmarks ? "true" : "false") : null);
        Add(query, "sendInitialEvents", options.SendInitialEvents is { } initial ? (initial ? "true" : "false") : null);
        return query;
    }

    /// <summary>A create's, update's or patch's parameters.</summary>
    public static List<KeyValuePair<string, string>> Write(WriteOptions? options)
    {
        var query = new List<KeyValuePair<string, string>>();
        if (options is not null)
        {
            AddWrite(query, options.DryRun, options.FieldManager, options.FieldValidation);
        }

        return query;
    }

    public static void AddWrite(List<KeyValuePair<string, string>> query, bool dryRun, string? fieldManager, string? fieldValidation)
    {
        if (dryRun)
        {
            query.Add(new("dryRun", "All"));
        }

        Add(query, "fieldManager", fieldManager);
        Add(query, "fieldValidation", fieldValidation);
    }

    private static void Add(List<KeyValuePair<string, string>> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add(new(name, value));
        }
    }
}

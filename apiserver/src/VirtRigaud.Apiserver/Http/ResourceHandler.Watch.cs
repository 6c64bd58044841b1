using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Fields;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Watch;

namespace VirtRigaud.Apiserver.Http;

internal sealed partial class ResourceHandler
{
    /// <summary>
    /// WATCH: a 200 whose body is one JSON event per line (<c>{"type":…,"object":…}</c>), flushed per event, never
    /// buffered or compressed. The stream ends cleanly after <c>timeoutSeconds</c> (without it, after
    /// <see cref="ResourceApiOptions.MinRequestTimeout"/> × a random factor in [1, 2), as kube-apiserver) or when the
    /// client goes. A too old resourceVersion is a 200 followed by one ERROR event with the 410 Expired Status, which
    /// is what client-go's reflector expects; other errors before the stream starts are ordinary error responses.
    /// Event objects follow the Accept header: the object, a one-row Table (column definitions in the first event
    /// only, as kube-apiserver saves bandwidth), or PartialObjectMetadata. A named watch (legacy
    /// <c>/watch/…/{name}</c>) selects <c>metadata.name</c>.
    /// </summary>
    private async Task WatchAsync()
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: true, watch: true);
        if (format.Target == ResponseTarget.PartialObjectMetadataList)
        {
            throw StatusException.NotAcceptable("you requested PartialObjectMetadataList, but a watch streams single objects: ask for PartialObjectMetadata");
        }

        var includeObject = format.Target == ResponseTarget.Table ? ObjectTransforms.IncludeObject(Query) : "";
        var query = ListQueryParser.Parse(Query, watch: true);
        if (_info.Name.Length > 0)
        {
            query = query with { FieldSelector = FieldSelector.And(query.FieldSelector, FieldSelector.OneTermEqual("metadata.name", _info.Name)) };
        }

        var timeout = query.TimeoutSeconds is { } seconds && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : _options.MinRequestTimeout * (1 + Random.Shared.NextDouble());
        query = query with { TimeoutSeconds = (long)Math.Ceiling(timeout.TotalSeconds) };

        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, timeoutSource.Token);
        var token = linked.Token;
        WatchStream stream;
        try
        {
            stream = await _store.OpenWatchAsync(ReadScope(), query, token);
        }
        catch (StatusException e) when (e.Code == StatusCodes.Status410Gone)
        {
            await StartStreamAsync(token);
            await WriteEventAsync(ErrorEvent(e.Status), token);
            return;
        }

        await using (stream)
        {
            await StartStreamAsync(token);
            var columnsSent = false;
            try
            {
                await foreach (var objectEvent in stream.WithCancellation(token))
                {
                    var line = format.Target switch
                    {
                        ResponseTarget.Table => TableEvent(objectEvent, format, includeObject, ref columnsSent),
                        ResponseTarget.PartialObjectMetadata => ApiResponses.EncodeLine(new JsonObject
                        {
                            ["type"] = objectEvent.Type,
                            ["object"] = ObjectTransforms.PartialObjectMetadata(objectEvent.Object, format, Kind.Sensitive),
                        }),
                        _ => WatchEventJson.Line(objectEvent),
                    };
                    await WriteEventAsync(line, token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The timeout or the client ended the watch: a clean end of the stream.
            }
            catch (StatusException e)
            {
                await WriteEventAsync(ErrorEvent(e.Status), token);
            }
        }
    }

    /// <summary>Sends the 200 and the headers now, so the client knows the watch is established; turns buffering off.</summary>
    private async Task StartStreamAsync(CancellationToken cancellationToken)
    {
        var response = _http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-cache, private";
        ApiResponses.AddWarnings(response, Warnings);
        _http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private async Task WriteEventAsync(byte[] line, CancellationToken cancellationToken)
    {
        await _http.Response.Body.WriteAsync(line, cancellationToken);
        await _http.Response.Body.FlushAsync(cancellationToken);
    }

    private static byte[] ErrorEvent(Status status) =>
        ApiResponses.EncodeLine(new JsonObject { ["type"] = WatchEventType.Error, ["object"] = ApiResponses.StatusNode(status) });

    /// <summary>
    /// A watch event as a Table: one row for an object; for a BOOKMARK a Table with only the resourceVersion. Column
    /// definitions go with the first row only (kubectl reuses the last ones it printed).
    /// </summary>
    private byte[] TableEvent(ObjectEvent objectEvent, ResponseFormat format, string includeObject, ref bool columnsSent)
    {
        JsonObject table;
        if (objectEvent.Type == WatchEventType.Bookmark)
        {
            table = new JsonObject
            {
                ["kind"] = "Table",
                ["apiVersion"] = format.MetaApiVersion,
                ["metadata"] = new ListMetaFields(ObjectTransforms.Meta(objectEvent.Object, "resourceVersion") ?? "").ToJson(),
                ["columnDefinitions"] = new JsonArray(),
                ["rows"] = new JsonArray(),
            };
        }
        else
        {
            table = ObjectTransforms.Table(
                [objectEvent.Object], Kind, new ListMetaFields(ObjectTransforms.Meta(objectEvent.Object, "resourceVersion") ?? ""), includeObject, format, _time.GetUtcNow(), includeColumns: !columnsSent);
            columnsSent = true;
        }

        return ApiResponses.EncodeLine(new JsonObject { ["type"] = objectEvent.Type, ["object"] = table });
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Security;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// Serves one request for a resource (of any group version the server serves): dispatches on the verb, path shape and subresource of the
/// <see cref="RequestInfo"/> to the per-verb partial files (Read, Write, Patch, Watch, Scale, Actions, Console), and turns every
/// failure into a <see cref="Status"/> in one place (<see cref="HandleAsync"/>). Instances live for one request.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>path (below /apis/{group}/{version} or /api/v1)</term><description>methods</description></listheader>
/// <item><term>/{resource}</term><description>GET list/watch across namespaces; anything else 405</description></item>
/// <item><term>/namespaces/{ns}/{resource}</term><description>GET list/watch, POST create, DELETE deletecollection</description></item>
/// <item><term>/namespaces/{ns}/{resource}/{name}</term><description>GET, PUT, PATCH, DELETE</description></item>
/// <item><term>…/{name}/status</term><description>GET, PUT, PATCH (resources with a status subresource)</description></item>
/// <item><term>…/vmsets/{name}/scale</term><description>GET, PUT, PATCH (autoscaling/v1 Scale)</description></item>
/// <item><term>…/virtualmachines/{name}/power</term><description>POST a power request</description></item>
/// <item><term>…/virtualmachines/{name}/console</term><description>GET the console endpoint; a WebSocket upgrade streams the serial console</description></item>
/// <item><term>/watch/…</term><description>the legacy watch paths (GET)</description></item>
/// </list>
/// Unknown resources and path shapes are 404 and unsupported methods 405, with the Status kube-apiserver's router
/// (go-restful) answers with.
/// </remarks>
internal sealed partial class ResourceHandler
{
    private readonly HttpContext _http;
    private readonly RequestInfo _info;
    private readonly UserInfo _user;
    private readonly ResourceStore _store;
    private readonly ResourceApiOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationToken _cancellationToken;

    /// <summary>The scope of the request once known: its warnings go out as headers, even with an error.</summary>
    private RequestScope? _scope;

    private ResourceHandler(HttpContext http, RequestInfo info, UserInfo user, ResourceStore store, ResourceApiOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        _http = http;
        _info = info;
        _user = user;
        _store = store;
        _options = options;
        _time = time;
        _cancellationToken = cancellationToken;
    }

    private ResourceDefinition Kind => _store.Kind;

    private HttpRequest Request => _http.Request;

    private IQueryCollection Query => _http.Request.Query;

    /// <summary>
    /// The endpoint: reads the <see cref="RequestContextFeature"/> the host's authentication stage set, serves the
    /// request and writes any error as a Status (negotiated JSON or YAML). Requests that are not long-running
    /// (<see cref="LongRunningRequests"/>: watches, console sessions) are bounded by
    /// <see cref="ResourceApiOptions.RequestTimeout"/>, shortened by <c>?timeout=</c>; running out is a 504.
    /// </summary>
    public static async Task HandleAsync(HttpContext context)
    {
        var feature = context.Features.Get<RequestContextFeature>()
            ?? throw new InvalidOperationException("RequestContextFeature is missing: the host must authenticate requests before the resource endpoints");
        var services = context.RequestServices;
        var registry = services.GetRequiredService<ResourceStoreRegistry>();
        var options = services.GetRequiredService<ResourceApiOptions>();
        var time = services.GetRequiredService<TimeProvider>();
        var info = feature.Info;

        using var timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token);
        ResourceHandler? handler = null;
        try
        {
            if (!info.IsResourceRequest || registry.Find(info.ApiGroup, info.ApiVersion, info.Resource) is not { } store)
            {
                throw NotFoundPath();
            }

            if (!LongRunningRequests.IsLongRunning(context, info))
            {
                timeout.CancelAfter(RequestTimeout(context.Request, options));
            }

            handler = new ResourceHandler(context, info, feature.User, store, options, time, linked.Token);
            await handler.DispatchAsync();
        }
        catch (StatusException e)
        {
            await WriteErrorAsync(context, e.Status, handler?._scope);
        }
        catch (StorageException e)
        {
            var status = handler is null ? StatusException.InternalError(e.Message) : handler._store.ToStatus(e, info.Name);
            await WriteErrorAsync(context, status.Status, handler?._scope);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            await WriteErrorAsync(context, StatusException.Timeout("request did not complete within requested timeout - context deadline exceeded", 0).Status, handler?._scope);
        }
    }

    private Task DispatchAsync()
    {
        var method = Request.Method;
        if (_info.Parts.Count > 3)
        {
            throw NotFoundPath();
        }

        // Every resource served here is namespaced: without a namespace only list and watch across namespaces exist.
        if (_info.Namespace.Length == 0)
        {
            if (_info.Name.Length > 0)
            {
                throw NotFoundPath();
            }

            return HttpMethods.IsGet(method) ? (_info.Verb == "watch" ? WatchAsync() : ListAsync()) : throw MethodNotAllowed();
        }

        if (_info.Name.Length == 0)
        {
            return method switch
            {
                _ when HttpMethods.IsGet(method) => _info.Verb == "watch" ? WatchAsync() : ListAsync(),
                _ when HttpMethods.IsPost(method) && !IsLegacyWatchPath => CreateAsync(),
                _ when HttpMethods.IsDelete(method) && !IsLegacyWatchPath => DeleteCollectionAsync(),
                _ => throw MethodNotAllowed(),
            };
        }

        if (_info.Subresource.Length == 0)
        {
            if (IsLegacyWatchPath)
            {
                return HttpMethods.IsGet(method) ? WatchAsync() : throw MethodNotAllowed();
            }

            return method switch
            {
                _ when HttpMethods.IsGet(method) => GetAsync(),
                _ when HttpMethods.IsPut(method) => UpdateAsync(""),
                _ when HttpMethods.IsPatch(method) => PatchAsync(""),
                _ when HttpMethods.IsDelete(method) => DeleteAsync(),
                _ => throw MethodNotAllowed(),
            };
        }

        if (IsLegacyWatchPath)
        {
            throw NotFoundPath();
        }

        switch (_info.Subresource)
        {
            case "status" when Kind.HasStatus:
                return method switch
                {
                    _ when HttpMethods.IsGet(method) => GetAsync(),
                    _ when HttpMethods.IsPut(method) => UpdateAsync("status"),
                    _ when HttpMethods.IsPatch(method) => PatchAsync("status"),
                    _ => throw MethodNotAllowed(),
                };
            case "scale" when Kind.Scale is not null:
                return method switch
                {
                    _ when HttpMethods.IsGet(method) => GetScaleAsync(),
                    _ when HttpMethods.IsPut(method) => UpdateScaleAsync(),
                    _ when HttpMethods.IsPatch(method) => PatchScaleAsync(),
                    _ => throw MethodNotAllowed(),
                };
            case VirtualMachineSubresources.Power when Kind.CustomKind == Kinds.VirtualMachine:
                return HttpMethods.IsPost(method) ? PowerAsync() : throw MethodNotAllowed();
            case VirtualMachineSubresources.Console when Kind.CustomKind == Kinds.VirtualMachine:
                return _http.WebSockets.IsWebSocketRequest ? ConsoleStreamAsync() : HttpMethods.IsGet(method) ? ConsoleAsync() : throw MethodNotAllowed();
            default:
                throw NotFoundPath();
        }
    }

    /// <summary>The deprecated <c>/apis/{group}/{version}/watch/…</c> (or <c>/api/v1/watch/…</c>) form.</summary>
    private bool IsLegacyWatchPath => _info.Path.StartsWith(Kind.PathPrefix + "/watch/", StringComparison.Ordinal);

    /// <summary>The scope of a read.</summary>
    private RequestScope ReadScope() => _scope = WriteOptionsParser.ReadScope(_user, _info.Namespace);

    /// <summary>The scope of a write, with its query options validated (<paramref name="optionsKind"/> names them in errors).</summary>
    private RequestScope WriteScope(string optionsKind, FieldErrorList? extraErrors = null) =>
        _scope = WriteOptionsParser.WriteScope(Request, _user, _info.Namespace, optionsKind, extraErrors);

    private IEnumerable<string>? Warnings => _scope?.Warnings;

    /// <summary>Reads an object body for this kind: JSON/YAML, apiVersion and kind checked (and defaulted from the URL when absent).</summary>
    private async Task<DecodedBody> ReadObjectBodyAsync(string kind, string apiVersion, bool checkKindInvalid = true)
    {
        var bytes = await RequestBodyReader.ReadAsync(Request, _options.MaxRequestBodyBytes, _cancellationToken);
        var body = RequestBodyReader.DecodeObject(Request, bytes, kind, quoteBody: !Kind.Sensitive, protobufType: kind == Kind.Kind ? Kind.GoType : null);
        CheckTypeMeta(body.Object, kind, apiVersion, checkKindInvalid);
        if (_scope is not null)
        {
            _scope.DuplicateFields = body.DuplicateFields;
        }

        return body;
    }

    /// <summary>
    /// The body's apiVersion and kind: absent ones take the URL's (the decoder's default kind); another group or
    /// version is a 400 and another kind a 422, as kube-apiserver answers for custom resources. Puts apiVersion and
    /// kind first, where clients expect them. MUTATES <paramref name="obj"/>.
    /// </summary>
    private void CheckTypeMeta(JsonObject obj, string kind, string apiVersion, bool kindIsInvalid = true)
    {
        var actualVersion = StringField(obj, "apiVersion");
        var actualKind = StringField(obj, "kind");
        if (actualVersion.Length > 0 && actualVersion != apiVersion)
        {
            throw StatusException.BadRequest($"the API version in the data ({actualVersion}) does not match the expected API version ({apiVersion})");
        }

        if (actualKind.Length > 0 && actualKind != kind)
        {
            var error = FieldError.Invalid(FieldPath.NewPath("kind"), actualKind, $"must be {kind}");
            throw kindIsInvalid
                ? StatusException.Invalid(Kind.Group, Kind.Kind, ObjectJson.Name(obj), [error])
                : StatusException.BadRequest(error.ToString());
        }

        var rest = obj.Where(p => p.Key is not ("apiVersion" or "kind")).ToList();
        obj.Clear();
        obj["apiVersion"] = apiVersion;
        obj["kind"] = kind;
        foreach (var (key, value) in rest)
        {
            obj[key] = value;
        }
    }

    /// <summary>kube-apiserver's checkName: the body must name the object of the URL, in the URL's namespace (400 otherwise).</summary>
    private void CheckName(JsonObject obj)
    {
        var name = ObjectJson.Name(obj);
        if (name != _info.Name)
        {
            throw StatusException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({_info.Name})");
        }

        var ns = ObjectJson.Namespace(obj);
        if (ns.Length > 0 && ns != _info.Namespace)
        {
            throw StatusException.BadRequest($"the namespace of the object ({ns}) does not match the namespace on the request ({_info.Namespace})");
        }
    }

    private static string StringField(JsonObject obj, string field) => obj[field] switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => "",
        var other => throw StatusException.BadRequest($"the object provided is unrecognized: {field} must be a string, not {other.GetValueKind().ToString().ToLowerInvariant()}"),
    };

    private static TimeSpan RequestTimeout(HttpRequest request, ResourceApiOptions options)
    {
        if (ListQueryParser.First(request.Query, "timeout") is { Length: > 0 } text && Duration.TryParse(text, out var duration) && duration.Value > TimeSpan.Zero)
        {
            return duration.Value < options.RequestTimeout ? duration.Value : options.RequestTimeout;
        }

        return options.RequestTimeout;
    }

    private static async Task WriteErrorAsync(HttpContext context, Status status, RequestScope? scope)
    {
        if (context.Response.HasStarted)
        {
            // A half-written body must not look complete.
            context.Abort();
            return;
        }

        context.Response.Clear();
        await ApiResponses.WriteStatusAsync(context, status, scope?.Warnings, context.RequestAborted);
    }

    /// <summary>What kube-apiserver's router answers for a path it has no route for.</summary>
    internal static StatusException NotFoundPath() => new(new Status
    {
        StatusValue = Status.Failure,
        Code = StatusCodes.Status404NotFound,
        Reason = StatusReasons.NotFound,
        Message = "the server could not find the requested resource",
        Details = new StatusDetails { Causes = [new StatusCause { Reason = "UnexpectedServerResponse", Message = "404 page not found" }] },
    });

    /// <summary>What kube-apiserver's router (go-restful) answers for a method a path does not serve.</summary>
    internal static StatusException MethodNotAllowed() => new(new Status
    {
        StatusValue = Status.Failure,
        Code = StatusCodes.Status405MethodNotAllowed,
        Reason = StatusReasons.MethodNotAllowed,
        Message = "the server does not allow this method on the requested resource",
        Details = new StatusDetails { Causes = [new StatusCause { Reason = "UnexpectedServerResponse", Message = "405: Method Not Allowed" }] },
    });
}

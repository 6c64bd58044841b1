using System.Globalization;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// An error that already knows its Kubernetes <see cref="Status"/>. Thrown where work cannot continue and caught once,
/// at the HTTP edge, which writes <see cref="Status"/> with its code. The factories produce exactly the messages,
/// reasons and details kube-apiserver produces (k8s.io/apimachinery/pkg/api/errors).
/// </summary>
public sealed class StatusException : Exception
{
    public StatusException(Status status)
        : base(status.Message)
    {
        Status = status;
    }

    public StatusException(Status status, Exception inner)
        : base(status.Message, inner)
    {
        Status = status;
    }

    public StatusException()
        : this(new Status { StatusValue = Machinery.Status.Failure, Code = 500, Reason = StatusReasons.InternalError })
    {
    }

    public StatusException(string message)
        : this(InternalErrorStatus(message))
    {
    }

    public StatusException(string message, Exception inner)
        : this(InternalErrorStatus(message), inner)
    {
    }

    /// <summary>The Status to send.</summary>
    public Status Status { get; }

    /// <summary>The HTTP status code (500 when the Status has none).</summary>
    public int Code => Status.Code ?? 500;

    /// <summary>The Status reason.</summary>
    public string Reason => Status.Reason ?? StatusReasons.Unknown;

    /// <summary>
    /// 404, as <c>errors.NewNotFound</c>: <c>virtualmachines.infra.virtrigaud.io "web" not found</c>
    /// (<c>pods "web" not found</c> in the core group); <c>details.kind</c> is the plural resource.
    /// </summary>
    public static StatusException NotFound(string group, string resource, string name) =>
        new(Failure(404, StatusReasons.NotFound, $"{Qualify(resource, group)} {FieldError.Quote(name)} not found",
            Details(group, resource, name)));

    /// <summary>409 AlreadyExists, as <c>errors.NewAlreadyExists</c>: <c>virtualmachines.infra.virtrigaud.io "web" already exists</c>.</summary>
    public static StatusException AlreadyExists(string group, string resource, string name) =>
        new(Failure(409, StatusReasons.AlreadyExists, $"{Qualify(resource, group)} {FieldError.Quote(name)} already exists",
            Details(group, resource, name)));

    /// <summary>
    /// 409 AlreadyExists for a create with <c>generateName</c> whose generated name was taken, as
    /// <c>errors.NewGenerateNameConflict</c>: the client may retry after <paramref name="retryAfterSeconds"/>.
    /// </summary>
    public static StatusException GenerateNameConflict(string group, string resource, string name, int retryAfterSeconds) =>
        new(Failure(409, StatusReasons.AlreadyExists,
            $"{Qualify(resource, group)} {FieldError.Quote(name)} already exists, the server was not able to generate a unique name for the object",
            Details(group, resource, name) with { RetryAfterSeconds = RetryAfter(retryAfterSeconds) }));

    /// <summary>409 Conflict, as <c>errors.NewConflict</c>: <c>Operation cannot be fulfilled on virtualmachines.infra.virtrigaud.io "web": …</c>.</summary>
    public static StatusException Conflict(string group, string resource, string name, string detail) =>
        new(Failure(409, StatusReasons.Conflict, $"Operation cannot be fulfilled on {Qualify(resource, group)} {FieldError.Quote(name)}: {detail}",
            Details(group, resource, name)));

    /// <summary>
    /// 422, as <c>errors.NewInvalid</c>: <c>VirtualMachine.infra.virtrigaud.io "web" is invalid: spec.classRef.name: Required value</c>
    /// (several errors as <c>[a, b]</c> with repeated messages dropped; no errors as <c>… "web" is invalid</c>).
    /// <c>details.kind</c> is the Kind; every error, repeated or not, becomes one cause.
    /// </summary>
    public static StatusException Invalid(string group, string kind, string name, IReadOnlyCollection<FieldError> errors)
    {
        var list = errors as FieldErrorList ?? new FieldErrorList(errors);
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        var message = list.Count == 0
            ? $"{qualifiedKind} {FieldError.Quote(name)} is invalid"
            : $"{qualifiedKind} {FieldError.Quote(name)} is invalid: {list}";

        // Go builds an empty (not nil) slice, which omitempty leaves out: no "causes" key for no errors.
        IReadOnlyList<StatusCause>? causes = list.Count == 0
            ? null
            : list.Select(e => new StatusCause { Reason = e.Type.CauseType(), Message = e.ErrorBody(), Field = NullIfEmpty(e.Field) }).ToList();
        return new(Failure(422, StatusReasons.Invalid, message, Details(group, kind, name) with { Causes = causes }));
    }

    /// <summary>400 with the message as given (<c>errors.NewBadRequest</c>).</summary>
    public static StatusException BadRequest(string message) => new(Failure(400, StatusReasons.BadRequest, message, null));

    /// <summary>
    /// 403, as <c>errors.NewForbidden</c>: <c>virtualmachines.infra.virtrigaud.io "web" is forbidden: reason</c>, without
    /// the name when it is empty, and <c>forbidden: reason</c> when group and resource are empty too.
    /// </summary>
    public static StatusException Forbidden(string group, string resource, string name, string reason)
    {
        var qualified = Qualify(resource, group);
        var message = (qualified.Length, name.Length) switch
        {
            (0, _) => $"forbidden: {reason}",
            (_, 0) => $"{qualified} is forbidden: {reason}",
            _ => $"{qualified} {FieldError.Quote(name)} is forbidden: {reason}",
        };
        return new(Failure(403, StatusReasons.Forbidden, message, Details(group, resource, name)));
    }

    /// <summary>401, as <c>errors.NewUnauthorized</c>: the message as given, <c>not authorized</c> when empty.</summary>
    public static StatusException Unauthorized(string message) =>
        new(Failure(401, StatusReasons.Unauthorized, message.Length == 0 ? "not authorized" : message, null));

    /// <summary>410 Gone (<c>errors.NewGone</c>, deprecated upstream in favour of <see cref="Expired"/>).</summary>
    public static StatusException Gone(string message) => new(Failure(410, StatusReasons.Gone, message, null));

    /// <summary>410 Expired (<c>errors.NewResourceExpired</c>): a compacted resourceVersion or an expired continue token.</summary>
    public static StatusException Expired(string message) => new(Failure(410, StatusReasons.Expired, message, null));

    /// <summary>
    /// 405, as <c>errors.NewMethodNotSupported</c>:
    /// <c>deletecollection is not supported on resources of kind "vmsets.infra.virtrigaud.io"</c>.
    /// </summary>
    public static StatusException MethodNotSupported(string group, string resource, string action) =>
        new(Failure(405, StatusReasons.MethodNotAllowed, $"{action} is not supported on resources of kind {FieldError.Quote(Qualify(resource, group))}",
            Details(group, resource, "")));

    /// <summary>406 with the message as given.</summary>
    public static StatusException NotAcceptable(string message) => new(Failure(406, StatusReasons.NotAcceptable, message, null));

    /// <summary>
    /// 406 as the apiserver's content negotiation writes it:
    /// <c>only the following media types are accepted: application/json, application/yaml</c>.
    /// </summary>
    public static StatusException NotAcceptable(IEnumerable<string> acceptedMediaTypes) =>
        NotAcceptable("only the following media types are accepted: " + string.Join(", ", acceptedMediaTypes));

    /// <summary>413, as <c>errors.NewRequestEntityTooLargeError</c>: <c>Request entity too large: …</c>.</summary>
    public static StatusException RequestEntityTooLarge(string message) =>
        new(Failure(413, StatusReasons.RequestEntityTooLarge, "Request entity too large: " + message, null));

    /// <summary>415 with the message as given.</summary>
    public static StatusException UnsupportedMediaType(string message) => new(Failure(415, StatusReasons.UnsupportedMediaType, message, null));

    /// <summary>
    /// 415 as the apiserver's content negotiation writes it: <c>the body of the request was in an unknown format -
    /// accepted media types include: application/json-patch+json, application/merge-patch+json</c>.
    /// </summary>
    public static StatusException UnsupportedMediaType(IEnumerable<string> acceptedMediaTypes) =>
        UnsupportedMediaType("the body of the request was in an unknown format - accepted media types include: " + string.Join(", ", acceptedMediaTypes));

    /// <summary>429, as <c>errors.NewTooManyRequests</c>, with a retry hint (omitted when 0, as Go's omitempty does).</summary>
    public static StatusException TooManyRequests(string message, int retryAfterSeconds) =>
        new(Failure(429, StatusReasons.TooManyRequests, message, new StatusDetails { RetryAfterSeconds = RetryAfter(retryAfterSeconds) }));

    /// <summary>503 with the message as given (<c>errors.NewServiceUnavailable</c>).</summary>
    public static StatusException ServiceUnavailable(string message) => new(Failure(503, StatusReasons.ServiceUnavailable, message, null));

    /// <summary>
    /// 500 ServerTimeout, as <c>errors.NewServerTimeout</c>: <c>The get operation against virtualmachines.infra.virtrigaud.io
    /// could not be completed at this time, please try again.</c>; <c>details.name</c> is the operation.
    /// </summary>
    public static StatusException ServerTimeout(string group, string resource, string operation, int retryAfterSeconds) =>
        new(Failure(500, StatusReasons.ServerTimeout,
            $"The {operation} operation against {Qualify(resource, group)} could not be completed at this time, please try again.",
            Details(group, resource, operation) with { RetryAfterSeconds = RetryAfter(retryAfterSeconds) }));

    /// <summary>504, as <c>errors.NewTimeoutError</c>: <c>Timeout: …</c>, with a retry hint (omitted when 0).</summary>
    public static StatusException Timeout(string message, int retryAfterSeconds) =>
        new(Failure(504, StatusReasons.Timeout, "Timeout: " + message, new StatusDetails { RetryAfterSeconds = RetryAfter(retryAfterSeconds) }));

    /// <summary>
    /// 500, as <c>errors.NewInternalError</c>: <c>Internal error occurred: …</c> with the bare message as the only cause.
    /// For bugs and broken dependencies, never for a user's mistake.
    /// </summary>
    public static StatusException InternalError(string message) => new(InternalErrorStatus(message));

    private static Status InternalErrorStatus(string message) =>
        Failure(500, StatusReasons.InternalError, "Internal error occurred: " + message,
            new StatusDetails { Causes = [new StatusCause { Message = message }] });

    /// <summary>metav1.GroupResource.String(): <c>resource.group</c>, or the bare resource in the core group.</summary>
    private static string Qualify(string resource, string group) => group.Length == 0 ? resource : $"{resource}.{group}";

    // StatusDetails' string fields are omitempty in Go: an empty group (the core group) or name is left out, not "".
    private static StatusDetails Details(string group, string kind, string name) =>
        new() { Name = NullIfEmpty(name), Group = NullIfEmpty(group), Kind = NullIfEmpty(kind) };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    // retryAfterSeconds is an omitempty int32: 0 means "no hint" and is not sent.
    private static int? RetryAfter(int seconds) => seconds == 0 ? null : seconds;

    private static Status Failure(int code, string reason, string message, StatusDetails? details) => new()
    {
        StatusValue = Machinery.Status.Failure,
        Code = code,
        Reason = reason,
        Message = message,
        Details = details,
    };

    /// <summary>The code as text, for logs.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Code} {Reason}: {Message}");
}

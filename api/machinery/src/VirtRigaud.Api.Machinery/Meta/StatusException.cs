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

    /// <summary>404: <c>virtualmachines.infra.virtrigaud.io "web" not found</c>.</summary>
    public static StatusException NotFound(string group, string resource, string name) =>
        new(Failure(404, StatusReasons.NotFound, $"{Qualify(resource, group)} {FieldError.Quote(name)} not found",
            new StatusDetails { Name = name, Group = group, Kind = resource }));

    /// <summary>409: <c>virtualmachines.infra.virtrigaud.io "web" already exists</c>.</summary>
    public static StatusException AlreadyExists(string group, string resource, string name) =>
        new(Failure(409, StatusReasons.AlreadyExists, $"{Qualify(resource, group)} {FieldError.Quote(name)} already exists",
            new StatusDetails { Name = name, Group = group, Kind = resource }));

    /// <summary>409: <c>Operation cannot be fulfilled on virtualmachines.infra.virtrigaud.io "web": …</c>.</summary>
    public static StatusException Conflict(string group, string resource, string name, string detail) =>
        new(Failure(409, StatusReasons.Conflict, $"Operation cannot be fulfilled on {Qualify(resource, group)} {FieldError.Quote(name)}: {detail}",
            new StatusDetails { Name = name, Group = group, Kind = resource }));

    /// <summary>422 with one cause per field error: <c>VirtualMachine.infra.virtrigaud.io "web" is invalid: spec.classRef.name: Required value</c>.</summary>
    public static StatusException Invalid(string group, string kind, string name, IReadOnlyCollection<FieldError> errors)
    {
        var list = errors as FieldErrorList ?? new FieldErrorList(errors);
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        var message = list.Count == 0
            ? $"{qualifiedKind} {FieldError.Quote(name)} is invalid"
            : $"{qualifiedKind} {FieldError.Quote(name)} is invalid: {list}";
        var causes = list.Select(e => new StatusCause { Reason = e.Type.CauseType(), Message = e.ErrorBody(), Field = e.Field }).ToList();
        return new(Failure(422, StatusReasons.Invalid, message, new StatusDetails { Name = name, Group = group, Kind = kind, Causes = causes }));
    }

    /// <summary>400 with the message as given.</summary>
    public static StatusException BadRequest(string message) => new(Failure(400, StatusReasons.BadRequest, message, null));

    /// <summary>403: <c>virtualmachines.infra.virtrigaud.io "web" is forbidden: reason</c>.</summary>
    public static StatusException Forbidden(string group, string resource, string name, string reason)
    {
        var qualified = Qualify(resource, group);
        var message = name.Length == 0 ? $"{qualified} is forbidden: {reason}" : $"{qualified} {FieldError.Quote(name)} is forbidden: {reason}";
        return new(Failure(403, StatusReasons.Forbidden, message, new StatusDetails { Name = name.Length == 0 ? null : name, Group = group, Kind = resource }));
    }

    /// <summary>401.</summary>
    public static StatusException Unauthorized(string message) => new(Failure(401, StatusReasons.Unauthorized, message, null));

    /// <summary>410 Gone.</summary>
    public static StatusException Gone(string message) => new(Failure(410, StatusReasons.Gone, message, null));

    /// <summary>410 Expired: a compacted resourceVersion or an expired continue token.</summary>
    public static StatusException Expired(string message) => new(Failure(410, StatusReasons.Expired, message, null));

    /// <summary>405: <c>deletecollection is not supported on resources of kind "vmsets"</c>.</summary>
    public static StatusException MethodNotSupported(string group, string resource, string action) =>
        new(Failure(405, StatusReasons.MethodNotAllowed, $"{action} is not supported on resources of kind {FieldError.Quote(Qualify(resource, group))}",
            new StatusDetails { Group = group, Kind = resource }));

    /// <summary>406.</summary>
    public static StatusException NotAcceptable(string message) => new(Failure(406, StatusReasons.NotAcceptable, message, null));

    /// <summary>413.</summary>
    public static StatusException RequestEntityTooLarge(string message) =>
        new(Failure(413, StatusReasons.RequestEntityTooLarge, "Request entity too large: " + message, null));

    /// <summary>415.</summary>
    public static StatusException UnsupportedMediaType(string message) => new(Failure(415, StatusReasons.UnsupportedMediaType, message, null));

    /// <summary>429 with a retry hint.</summary>
    public static StatusException TooManyRequests(string message, int retryAfterSeconds) =>
        new(Failure(429, StatusReasons.TooManyRequests, message, new StatusDetails { RetryAfterSeconds = retryAfterSeconds }));

    /// <summary>503.</summary>
    public static StatusException ServiceUnavailable(string message) => new(Failure(503, StatusReasons.ServiceUnavailable, message, null));

    /// <summary>504: <c>Timeout: …</c>.</summary>
    public static StatusException Timeout(string message, int retryAfterSeconds) =>
        new(Failure(504, StatusReasons.Timeout, "Timeout: " + message, new StatusDetails { RetryAfterSeconds = retryAfterSeconds }));

    /// <summary>500: <c>Internal error occurred: …</c>. For bugs and broken dependencies, never for a user's mistake.</summary>
    public static StatusException InternalError(string message) => new(InternalErrorStatus(message));

    private static Status InternalErrorStatus(string message) =>
        Failure(500, StatusReasons.InternalError, "Internal error occurred: " + message,
            new StatusDetails { Causes = [new StatusCause { Message = message }] });

    private static string Qualify(string resource, string group) => group.Length == 0 ? resource : $"{resource}.{group}";

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

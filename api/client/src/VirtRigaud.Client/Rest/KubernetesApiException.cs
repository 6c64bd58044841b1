using System.Globalization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Rest;

/// <summary>
/// A non-2xx answer from the API server (or an <c>ERROR</c> watch event), carrying the decoded metav1.Status. When the
/// body was not a Status (a proxy's HTML page, an empty body) a Status is synthesized from the HTTP code as client-go's
/// <c>errors.NewGenericServerResponse</c> does, so callers always branch on <see cref="Reason"/> and <see cref="Code"/>,
/// never on message text. The <c>Is…</c> helpers follow k8s.io/apimachinery/pkg/api/errors: a known reason decides;
/// with an unknown reason the HTTP code decides.
/// </summary>
public sealed class KubernetesApiException : Exception
{
    private static readonly HashSet<string> KnownReasons =
    [
        StatusReasons.Unauthorized, StatusReasons.Forbidden, StatusReasons.NotFound, StatusReasons.AlreadyExists,
        StatusReasons.Conflict, StatusReasons.Gone, StatusReasons.Invalid, StatusReasons.ServerTimeout,
        StatusReasons.StoreReadError, StatusReasons.Timeout, StatusReasons.TooManyRequests, StatusReasons.BadRequest,
        StatusReasons.MethodNotAllowed, StatusReasons.NotAcceptable, StatusReasons.RequestEntityTooLarge,
        StatusReasons.UnsupportedMediaType, StatusReasons.InternalError, StatusReasons.Expired,
        StatusReasons.ServiceUnavailable,
    ];

    /// <summary>Creates the exception for a decoded (or synthesized) Status.</summary>
    public KubernetesApiException(Status status)
        : base(MessageOf(status))
    {
        Status = status;
    }

    /// <summary>Creates the exception for a decoded (or synthesized) Status, with the exception that led to it.</summary>
    public KubernetesApiException(Status status, Exception inner)
        : base(MessageOf(status), inner)
    {
        Status = status;
    }

    public KubernetesApiException()
        : this(new Status { StatusValue = Api.Machinery.Status.Failure, Code = 500, Reason = StatusReasons.InternalError, Message = "an error on the server has prevented the request from succeeding" })
    {
    }

    public KubernetesApiException(string message)
        : this(new Status { StatusValue = Api.Machinery.Status.Failure, Code = 500, Reason = StatusReasons.InternalError, Message = message })
    {
    }

    public KubernetesApiException(string message, Exception inner)
        : this(new Status { StatusValue = Api.Machinery.Status.Failure, Code = 500, Reason = StatusReasons.InternalError, Message = message }, inner)
    {
    }

    /// <summary>The Status the server sent (or the one synthesized for a non-Status body).</summary>
    public Status Status { get; }

    /// <summary>The HTTP status code (<c>status.code</c>; 500 when absent).</summary>
    public int Code => Status.Code ?? 500;

    /// <summary>The Status reason; empty when the server gave none.</summary>
    public string Reason => Status.Reason ?? StatusReasons.Unknown;

    /// <summary>The field-level causes of a 422 (or any Status that has them); empty when none.</summary>
    public IReadOnlyList<StatusCause> Causes => Status.Details?.Causes ?? [];

    /// <summary><c>details.retryAfterSeconds</c> as a duration, when the server gave a hint.</summary>
    public TimeSpan? RetryAfter => Status.Details?.RetryAfterSeconds is int s and > 0 ? TimeSpan.FromSeconds(s) : null;

    /// <summary>404 NotFound.</summary>
    public bool IsNotFound => Is(StatusReasons.NotFound, 404);

    /// <summary>409 AlreadyExists (a create of an existing name).</summary>
    public bool IsAlreadyExists => Reason == StatusReasons.AlreadyExists;

    /// <summary>409 Conflict (a stale resourceVersion on update; retry after a fresh read).</summary>
    public bool IsConflict => Is(StatusReasons.Conflict, 409);

    /// <summary>422 Invalid (see <see cref="Causes"/>).</summary>
    public bool IsInvalid => Is(StatusReasons.Invalid, 422);

    /// <summary>
    /// 410: Gone or Expired — a watch's or list's resourceVersion is compacted, or a continue token expired. A reflector
    /// re-lists.
    /// </summary>
    public bool IsGone => Reason is StatusReasons.Gone or StatusReasons.Expired || (!KnownReasons.Contains(Reason) && Code == 410);

    /// <summary>400 BadRequest.</summary>
    public bool IsBadRequest => Is(StatusReasons.BadRequest, 400);

    /// <summary>401 Unauthorized.</summary>
    public bool IsUnauthorized => Is(StatusReasons.Unauthorized, 401);

    /// <summary>403 Forbidden.</summary>
    public bool IsForbidden => Is(StatusReasons.Forbidden, 403);

    /// <summary>405 MethodNotAllowed.</summary>
    public bool IsMethodNotSupported => Is(StatusReasons.MethodNotAllowed, 405);

    /// <summary>406 NotAcceptable.</summary>
    public bool IsNotAcceptable => Is(StatusReasons.NotAcceptable, 406);

    /// <summary>413 RequestEntityTooLarge.</summary>
    public bool IsRequestEntityTooLarge => Is(StatusReasons.RequestEntityTooLarge, 413);

    /// <summary>415 UnsupportedMediaType (e.g. server-side apply on a server that does not implement it).</summary>
    public bool IsUnsupportedMediaType => Is(StatusReasons.UnsupportedMediaType, 415);

    /// <summary>429 TooManyRequests.</summary>
    public bool IsTooManyRequests => Is(StatusReasons.TooManyRequests, 429);

    /// <summary>500 InternalError.</summary>
    public bool IsInternalError => Is(StatusReasons.InternalError, 500);

    /// <summary>503 ServiceUnavailable.</summary>
    public bool IsServiceUnavailable => Is(StatusReasons.ServiceUnavailable, 503);

    /// <summary>500 ServerTimeout (the server could not finish in time; retry).</summary>
    public bool IsServerTimeout => Reason == StatusReasons.ServerTimeout;

    /// <summary>504 Timeout.</summary>
    public bool IsTimeout => Is(StatusReasons.Timeout, 504);

    /// <summary>
    /// Synthesizes a Status for a non-2xx answer whose body is not a Status, as client-go's
    /// <c>NewGenericServerResponse</c>: the reason and the message follow from the code; <paramref name="bodySnippet"/>
    /// (already trimmed by the caller) becomes the message's detail when present.
    /// </summary>
    public static Status SynthesizeStatus(int code, string verb, string? resource, string? name, string? bodySnippet)
    {
        var (reason, message) = code switch
        {
            400 => (StatusReasons.BadRequest, "the server rejected our request for an unknown reason"),
            401 => (StatusReasons.Unauthorized, "the server has asked for the client to provide credentials"),
            403 => (StatusReasons.Forbidden, "the server does not allow access to the requested resource"),
            404 => (StatusReasons.NotFound, "the server could not find the requested resource"),
            405 => (StatusReasons.MethodNotAllowed, "the server does not allow this method on the requested resource"),
            406 => (StatusReasons.NotAcceptable, "the server was unable to respond with a content type that the client supports"),
            409 => (StatusReasons.Conflict, "the server reported a conflict"),
            410 => (StatusReasons.Gone, "the server has asked for the client to retry the request"),
            413 => (StatusReasons.RequestEntityTooLarge, "the server has rejected the request because its body is too large"),
            415 => (StatusReasons.UnsupportedMediaType, "the server was unable to handle the media type requested"),
            422 => (StatusReasons.Invalid, "the server rejected our request due to an error in our request"),
            429 => (StatusReasons.TooManyRequests, "the server has received too many requests and has asked us to try again later"),
            503 => (StatusReasons.ServiceUnavailable, "the server is currently unable to handle the request"),
            504 => (StatusReasons.Timeout, "the server was unable to return a response in the time allotted, but may still be processing the request"),
            >= 500 => (StatusReasons.InternalError, string.Create(CultureInfo.InvariantCulture, $"an error on the server ({bodySnippet ?? "unknown"}) has prevented the request from succeeding")),
            _ => (StatusReasons.Unknown, string.Create(CultureInfo.InvariantCulture, $"the server responded with the status code {code} but did not return more information")),
        };
        if (!string.IsNullOrEmpty(verb) && !string.IsNullOrEmpty(resource))
        {
            message += string.IsNullOrEmpty(name)
                ? $" ({verb} {resource})"
                : $" ({verb} {resource} {name})";
        }

        return new Status
        {
            StatusValue = Api.Machinery.Status.Failure,
            Code = code,
            Reason = reason,
            Message = message,
            Details = string.IsNullOrEmpty(resource) && string.IsNullOrEmpty(bodySnippet) ? null : new StatusDetails
            {
                Name = string.IsNullOrEmpty(name) ? null : name,
                Kind = string.IsNullOrEmpty(resource) ? null : resource,
                Causes = string.IsNullOrEmpty(bodySnippet) || code >= 500 ? null : [new StatusCause { Reason = "UnexpectedServerResponse", Message = bodySnippet }],
            },
        };
    }

    /// <summary>The code and reason with the message, for logs.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{nameof(KubernetesApiException)}: {Code} {Reason}: {Message}{Environment.NewLine}{StackTrace}");

    private bool Is(string reason, int code) => Reason == reason || (!KnownReasons.Contains(Reason) && Code == code);

    private static string MessageOf(Status status) =>
        string.IsNullOrEmpty(status.Message)
            ? string.Create(CultureInfo.InvariantCulture, $"the server responded with the status code {status.Code ?? 500} ({status.Reason})")
            : status.Message;
}

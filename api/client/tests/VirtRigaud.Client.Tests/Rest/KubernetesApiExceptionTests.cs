using System.Text;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Tests.Rest;

public sealed class KubernetesApiExceptionTests
{
    // The Is… helpers as k8s.io/apimachinery/pkg/api/errors: a known reason decides; an unknown reason falls back to the code.
    public static TheoryData<int, string, string> Classification() => new()
    {
        { 404, StatusReasons.NotFound, nameof(KubernetesApiException.IsNotFound) },
        { 404, "", nameof(KubernetesApiException.IsNotFound) },
        { 404, "SomethingNew", nameof(KubernetesApiException.IsNotFound) },
        { 409, StatusReasons.Conflict, nameof(KubernetesApiException.IsConflict) },
        { 409, StatusReasons.AlreadyExists, nameof(KubernetesApiException.IsAlreadyExists) },
        { 422, StatusReasons.Invalid, nameof(KubernetesApiException.IsInvalid) },
        { 410, StatusReasons.Expired, nameof(KubernetesApiException.IsGone) },
        { 410, StatusReasons.Gone, nameof(KubernetesApiException.IsGone) },
        { 410, "", nameof(KubernetesApiException.IsGone) },
        { 400, StatusReasons.BadRequest, nameof(KubernetesApiException.IsBadRequest) },
        { 401, StatusReasons.Unauthorized, nameof(KubernetesApiException.IsUnauthorized) },
        { 403, StatusReasons.Forbidden, nameof(KubernetesApiException.IsForbidden) },
        { 405, StatusReasons.MethodNotAllowed, nameof(KubernetesApiException.IsMethodNotSupported) },
        { 415, StatusReasons.UnsupportedMediaType, nameof(KubernetesApiException.IsUnsupportedMediaType) },
        { 429, StatusReasons.TooManyRequests, nameof(KubernetesApiException.IsTooManyRequests) },
        { 500, StatusReasons.InternalError, nameof(KubernetesApiException.IsInternalError) },
        { 500, StatusReasons.ServerTimeout, nameof(KubernetesApiException.IsServerTimeout) },
        { 503, StatusReasons.ServiceUnavailable, nameof(KubernetesApiException.IsServiceUnavailable) },
        { 504, StatusReasons.Timeout, nameof(KubernetesApiException.IsTimeout) },
    };

    [Theory]
    [MemberData(nameof(Classification))]
    public void Is_StatusCodeAndReason_ClassifiesExactlyOneWay(int code, string reason, string expected)
    {
        var e = new KubernetesApiException(new Status { StatusValue = Status.Failure, Code = code, Reason = reason, Message = "m" });

        var truths = Predicates(e).Where(p => p.Value).Select(p => p.Key).ToList();

        Assert.Equal([expected], truths);
    }

    [Fact]
    public void IsNotFound_KnownOtherReasonWith404_IsFalse()
    {
        // A known reason wins over the code, as apierrors does.
        var e = new KubernetesApiException(new Status { Code = 404, Reason = StatusReasons.Forbidden });

        Assert.False(e.IsNotFound);
        Assert.True(e.IsForbidden);
    }

    [Fact]
    public void Causes_InvalidStatus_AreExposedWithFields()
    {
        var e = new KubernetesApiException(new Status
        {
            Code = 422,
            Reason = StatusReasons.Invalid,
            Details = new StatusDetails { Causes = [new StatusCause { Reason = "FieldValueRequired", Field = "spec.classRef.name", Message = "Required value" }] },
        });

        var cause = Assert.Single(e.Causes);
        Assert.Equal("spec.classRef.name", cause.Field);
    }

    [Theory]
    [InlineData(404, StatusReasons.NotFound, "the server could not find the requested resource")]
    [InlineData(503, StatusReasons.ServiceUnavailable, "the server is currently unable to handle the request")]
    [InlineData(500, StatusReasons.InternalError, "an error on the server (<html>oops</html>) has prevented the request from succeeding")]
    [InlineData(418, StatusReasons.Unknown, "the server responded with the status code 418 but did not return more information")]
    public void SynthesizeStatus_NonStatusBody_FollowsClientGo(int code, string reason, string message)
    {
        var status = KubernetesApiException.SynthesizeStatus(code, "get", null, null, code == 500 ? "<html>oops</html>" : null);

        Assert.Equal(code, status.Code);
        Assert.Equal(reason, status.Reason);
        Assert.Equal(message, status.Message);
    }

    [Fact]
    public void TryDecodeStatus_StatusBody_Decodes()
    {
        var body = Encoding.UTF8.GetBytes("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"nope","reason":"Forbidden","code":403}""");

        var status = RestClient.TryDecodeStatus(body);

        Assert.Equal(403, status!.Code);
        Assert.Equal("nope", status.Message);
    }

    [Theory]
    [InlineData("""{"kind":"VirtualMachine","metadata":{}}""")]
    [InlineData("<html>bad gateway</html>")]
    [InlineData("{ not json")]
    [InlineData("")]
    public void TryDecodeStatus_OtherBodies_AreNotStatus(string body)
    {
        Assert.Null(RestClient.TryDecodeStatus(Encoding.UTF8.GetBytes(body)));
    }

    private static Dictionary<string, bool> Predicates(KubernetesApiException e) => new()
    {
        [nameof(e.IsNotFound)] = e.IsNotFound,
        [nameof(e.IsAlreadyExists)] = e.IsAlreadyExists,
        [nameof(e.IsConflict)] = e.IsConflict,
        [nameof(e.IsInvalid)] = e.IsInvalid,
        [nameof(e.IsGone)] = e.IsGone,
        [nameof(e.IsBadRequest)] = e.IsBadRequest,
        [nameof(e.IsUnauthorized)] = e.IsUnauthorized,
        [nameof(e.IsForbidden)] = e.IsForbidden,
        [nameof(e.IsMethodNotSupported)] = e.IsMethodNotSupported,
        [nameof(e.IsNotAcceptable)] = e.IsNotAcceptable,
        [nameof(e.IsRequestEntityTooLarge)] = e.IsRequestEntityTooLarge,
        [nameof(e.IsUnsupportedMediaType)] = e.IsUnsupportedMediaType,
        [nameof(e.IsTooManyRequests)] = e.IsTooManyRequests,
        [nameof(e.IsInternalError)] = e.IsInternalError,
        [nameof(e.IsServiceUnavailable)] = e.IsServiceUnavailable,
        [nameof(e.IsServerTimeout)] = e.IsServerTimeout,
        [nameof(e.IsTimeout)] = e.IsTimeout,
    };
}

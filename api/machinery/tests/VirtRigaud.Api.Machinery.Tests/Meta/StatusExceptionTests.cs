using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>
/// The factories against k8s.io/apimachinery/pkg/api/errors: every case is compared as the whole Status on the wire
/// (message, reason, code and details with Go's omitempty), plus <see cref="StatusException.Code"/> and
/// <see cref="StatusException.Reason"/>.
/// </summary>
public sealed class StatusExceptionTests
{
    private const string Group = "infra.virtrigaud.io";

    private const string Sar = "User \"alice\" cannot get resource \"virtualmachines\" in API group \"infra.virtrigaud.io\" in the namespace \"default\"";

    private static readonly Dictionary<string, (Func<StatusException> Create, string Json)> CaseTable = new(StringComparer.Ordinal)
    {
        ["NotFound"] = (() => StatusException.NotFound(Group, "virtualmachines", "web"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"virtualmachines.infra.virtrigaud.io \"web\" not found","reason":"NotFound",
             "details":{"name":"web","group":"infra.virtrigaud.io","kind":"virtualmachines"},"code":404}
            """),
        ["NotFound core group"] = (() => StatusException.NotFound("", "secrets", "vsphere-creds"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"secrets \"vsphere-creds\" not found","reason":"NotFound",
             "details":{"name":"vsphere-creds","kind":"secrets"},"code":404}
            """),
        ["NotFound quotes the name"] = (() => StatusException.NotFound(Group, "vmclasses", "a\"b"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"vmclasses.infra.virtrigaud.io \"a\\\"b\" not found","reason":"NotFound",
             "details":{"name":"a\"b","group":"infra.virtrigaud.io","kind":"vmclasses"},"code":404}
            """),
        ["AlreadyExists"] = (() => StatusException.AlreadyExists(Group, "virtualmachines", "web"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"virtualmachines.infra.virtrigaud.io \"web\" already exists","reason":"AlreadyExists",
             "details":{"name":"web","group":"infra.virtrigaud.io","kind":"virtualmachines"},"code":409}
            """),
        ["GenerateNameConflict"] = (() => StatusException.GenerateNameConflict(Group, "virtualmachines", "web-x7k2p", 1), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"virtualmachines.infra.virtrigaud.io \"web-x7k2p\" already exists, the server was not able to generate a unique name for the object",
             "reason":"AlreadyExists",
             "details":{"name":"web-x7k2p","group":"infra.virtrigaud.io","kind":"virtualmachines","retryAfterSeconds":1},"code":409}
            """),
        ["Conflict"] = (() => StatusException.Conflict(Group, "virtualmachines", "web", "the object has been modified; please apply your changes to the latest version and try again"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"Operation cannot be fulfilled on virtualmachines.infra.virtrigaud.io \"web\": the object has been modified; please apply your changes to the latest version and try again",
             "reason":"Conflict",
             "details":{"name":"web","group":"infra.virtrigaud.io","kind":"virtualmachines"},"code":409}
            """),
        ["Invalid one error"] = (() => StatusException.Invalid(Group, "VirtualMachine", "web", [FieldError.Required(FieldPath.NewPath("spec", "classRef", "name"))]), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"VirtualMachine.infra.virtrigaud.io \"web\" is invalid: spec.classRef.name: Required value",
             "reason":"Invalid",
             "details":{"name":"web","group":"infra.virtrigaud.io","kind":"VirtualMachine",
                        "causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.classRef.name"}]},
             "code":422}
            """),
        ["Invalid aggregate"] = (() => StatusException.Invalid(Group, "VirtualMachine", "web",
            [
                FieldError.Required(FieldPath.NewPath("spec", "classRef", "name")),
                FieldError.Invalid(FieldPath.NewPath("spec", "cpu"), 0, "must be greater than or equal to 1"),
                FieldError.Duplicate(FieldPath.NewPath("spec", "disks").Index(1).Child("name"), "data"),
                FieldError.Required(FieldPath.NewPath("spec", "classRef", "name")),
            ]), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"VirtualMachine.infra.virtrigaud.io \"web\" is invalid: [spec.classRef.name: Required value, spec.cpu: Invalid value: 0: must be greater than or equal to 1, spec.disks[1].name: Duplicate value: \"data\"]",
             "reason":"Invalid",
             "details":{"name":"web","group":"infra.virtrigaud.io","kind":"VirtualMachine",
                        "causes":[
                          {"reason":"FieldValueRequired","message":"Required value","field":"spec.classRef.name"},
                          {"reason":"FieldValueInvalid","message":"Invalid value: 0: must be greater than or equal to 1","field":"spec.cpu"},
                          {"reason":"FieldValueDuplicate","message":"Duplicate value: \"data\"","field":"spec.disks[1].name"},
                          {"reason":"FieldValueRequired","message":"Required value","field":"spec.classRef.name"}]},
             "code":422}
            """),
        ["Invalid no errors"] = (() => StatusException.Invalid(Group, "VMClass", "small", []), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"VMClass.infra.virtrigaud.io \"small\" is invalid","reason":"Invalid",
             "details":{"name":"small","group":"infra.virtrigaud.io","kind":"VMClass"},"code":422}
            """),
        ["Invalid core group"] = (() => StatusException.Invalid("", "ConfigMap", "cm", [FieldError.Forbidden(FieldPath.NewPath("data"), "may not be set")]), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"ConfigMap \"cm\" is invalid: data: Forbidden: may not be set","reason":"Invalid",
             "details":{"name":"cm","kind":"ConfigMap",
                        "causes":[{"reason":"FieldValueForbidden","message":"Forbidden: may not be set","field":"data"}]},
             "code":422}
            """),
        ["Invalid root error has no field"] = (() => StatusException.Invalid(Group, "VMSet", "s", [FieldError.InternalError(FieldPath.NewPath(""), "schema missing")]), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"VMSet.infra.virtrigaud.io \"s\" is invalid: Internal error: schema missing","reason":"Invalid",
             "details":{"name":"s","group":"infra.virtrigaud.io","kind":"VMSet",
                        "causes":[{"reason":"InternalError","message":"Internal error: schema missing"}]},
             "code":422}
            """),
        ["BadRequest"] = (() => StatusException.BadRequest("the name of the object (web) does not match the name on the URL (db)"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"the name of the object (web) does not match the name on the URL (db)","reason":"BadRequest","code":400}
            """),
        ["Forbidden with name"] = (() => StatusException.Forbidden(Group, "virtualmachines", "web", Sar), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"virtualmachines.infra.virtrigaud.io \"web\" is forbidden: User \"alice\" cannot get resource \"virtualmachines\" in API group \"infra.virtrigaud.io\" in the namespace \"default\"",
             "reason":"Forbidden",
             "details":{"name":"web","group":"infra.virtrigaud.io","kind":"virtualmachines"},"code":403}
            """),
        ["Forbidden without name"] = (() => StatusException.Forbidden(Group, "virtualmachines", "", "unable to create new content in namespace prod because it is being terminated"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"virtualmachines.infra.virtrigaud.io is forbidden: unable to create new content in namespace prod because it is being terminated",
             "reason":"Forbidden",
             "details":{"group":"infra.virtrigaud.io","kind":"virtualmachines"},"code":403}
            """),
        ["Forbidden without resource"] = (() => StatusException.Forbidden("", "", "", "not allowed"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"forbidden: not allowed","reason":"Forbidden","details":{},"code":403}
            """),
        ["Unauthorized"] = (() => StatusException.Unauthorized("Unauthorized"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}
            """),
        ["Unauthorized empty"] = (() => StatusException.Unauthorized(""), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"not authorized","reason":"Unauthorized","code":401}
            """),
        ["Gone"] = (() => StatusException.Gone("the resource is gone"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the resource is gone","reason":"Gone","code":410}
            """),
        ["Expired"] = (() => StatusException.Expired("too old resource version: 1045 (1050)"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1045 (1050)","reason":"Expired","code":410}
            """),
        ["MethodNotSupported"] = (() => StatusException.MethodNotSupported(Group, "vmsets", "deletecollection"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"deletecollection is not supported on resources of kind \"vmsets.infra.virtrigaud.io\"",
             "reason":"MethodNotAllowed","details":{"group":"infra.virtrigaud.io","kind":"vmsets"},"code":405}
            """),
        ["MethodNotSupported core group"] = (() => StatusException.MethodNotSupported("", "bindings", "list"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"list is not supported on resources of kind \"bindings\"",
             "reason":"MethodNotAllowed","details":{"kind":"bindings"},"code":405}
            """),
        ["NotAcceptable"] = (() => StatusException.NotAcceptable("unsupported as=Foo"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"unsupported as=Foo","reason":"NotAcceptable","code":406}
            """),
        ["NotAcceptable media types"] = (() => StatusException.NotAcceptable(["application/json", "application/yaml"]), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"only the following media types are accepted: application/json, application/yaml","reason":"NotAcceptable","code":406}
            """),
        ["RequestEntityTooLarge"] = (() => StatusException.RequestEntityTooLarge("limit is 3145728"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"Request entity too large: limit is 3145728","reason":"RequestEntityTooLarge","code":413}
            """),
        ["UnsupportedMediaType"] = (() => StatusException.UnsupportedMediaType("unsupported patch type"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"unsupported patch type","reason":"UnsupportedMediaType","code":415}
            """),
        ["UnsupportedMediaType media types"] = (() => StatusException.UnsupportedMediaType(["application/json-patch+json", "application/merge-patch+json"]), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json",
             "reason":"UnsupportedMediaType","code":415}
            """),
        ["TooManyRequests"] = (() => StatusException.TooManyRequests("too many requests, please try again later", 5), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too many requests, please try again later",
             "reason":"TooManyRequests","details":{"retryAfterSeconds":5},"code":429}
            """),
        ["TooManyRequests no hint"] = (() => StatusException.TooManyRequests("slow down", 0), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"slow down",
             "reason":"TooManyRequests","details":{},"code":429}
            """),
        ["ServiceUnavailable"] = (() => StatusException.ServiceUnavailable("etcd cluster is unavailable"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"etcd cluster is unavailable","reason":"ServiceUnavailable","code":503}
            """),
        ["ServerTimeout"] = (() => StatusException.ServerTimeout(Group, "virtualmachines", "get", 2), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"The get operation against virtualmachines.infra.virtrigaud.io could not be completed at this time, please try again.",
             "reason":"ServerTimeout",
             "details":{"name":"get","group":"infra.virtrigaud.io","kind":"virtualmachines","retryAfterSeconds":2},"code":500}
            """),
        ["Timeout"] = (() => StatusException.Timeout("request did not complete within requested timeout - context deadline exceeded", 0), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"Timeout: request did not complete within requested timeout - context deadline exceeded",
             "reason":"Timeout","details":{},"code":504}
            """),
        ["Timeout with hint"] = (() => StatusException.Timeout("too large resource version: 2000, current: 1050", 1), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"Timeout: too large resource version: 2000, current: 1050",
             "reason":"Timeout","details":{"retryAfterSeconds":1},"code":504}
            """),
        ["InternalError"] = (() => StatusException.InternalError("etcdserver: request timed out"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"Internal error occurred: etcdserver: request timed out","reason":"InternalError",
             "details":{"causes":[{"message":"etcdserver: request timed out"}]},"code":500}
            """),
        ["message constructor"] = (() => new StatusException("provider crashed"), """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"Internal error occurred: provider crashed","reason":"InternalError",
             "details":{"causes":[{"message":"provider crashed"}]},"code":500}
            """),
    };

    public static TheoryData<string> Cases => new(CaseTable.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Factory_Case_WritesKubernetesStatus(string name)
    {
        var (create, json) = CaseTable[name];

        var exception = create();

        WireJson.AssertWrites(json, exception.Status, MachineryJsonContext.Default.Status);
        Assert.Equal(exception.Status.Message, exception.Message);
    }

    [Theory]
    [InlineData("NotFound", 404, StatusReasons.NotFound)]
    [InlineData("AlreadyExists", 409, StatusReasons.AlreadyExists)]
    [InlineData("Conflict", 409, StatusReasons.Conflict)]
    [InlineData("Invalid one error", 422, StatusReasons.Invalid)]
    [InlineData("BadRequest", 400, StatusReasons.BadRequest)]
    [InlineData("Forbidden with name", 403, StatusReasons.Forbidden)]
    [InlineData("Unauthorized", 401, StatusReasons.Unauthorized)]
    [InlineData("Gone", 410, StatusReasons.Gone)]
    [InlineData("Expired", 410, StatusReasons.Expired)]
    [InlineData("MethodNotSupported", 405, StatusReasons.MethodNotAllowed)]
    [InlineData("NotAcceptable", 406, StatusReasons.NotAcceptable)]
    [InlineData("RequestEntityTooLarge", 413, StatusReasons.RequestEntityTooLarge)]
    [InlineData("UnsupportedMediaType", 415, StatusReasons.UnsupportedMediaType)]
    [InlineData("TooManyRequests", 429, StatusReasons.TooManyRequests)]
    [InlineData("ServiceUnavailable", 503, StatusReasons.ServiceUnavailable)]
    [InlineData("ServerTimeout", 500, StatusReasons.ServerTimeout)]
    [InlineData("Timeout", 504, StatusReasons.Timeout)]
    [InlineData("InternalError", 500, StatusReasons.InternalError)]
    public void CodeAndReason_Factory_MatchTheStatus(string name, int code, string reason)
    {
        var exception = CaseTable[name].Create();

        Assert.Equal(code, exception.Code);
        Assert.Equal(reason, exception.Reason);
        Assert.Equal(Status.Failure, exception.Status.StatusValue);
    }

    [Theory]
    [InlineData(StatusReasons.Unauthorized, "Unauthorized")]
    [InlineData(StatusReasons.Forbidden, "Forbidden")]
    [InlineData(StatusReasons.NotFound, "NotFound")]
    [InlineData(StatusReasons.AlreadyExists, "AlreadyExists")]
    [InlineData(StatusReasons.Conflict, "Conflict")]
    [InlineData(StatusReasons.Gone, "Gone")]
    [InlineData(StatusReasons.Invalid, "Invalid")]
    [InlineData(StatusReasons.ServerTimeout, "ServerTimeout")]
    [InlineData(StatusReasons.StoreReadError, "StorageReadError")]
    [InlineData(StatusReasons.Timeout, "Timeout")]
    [InlineData(StatusReasons.TooManyRequests, "TooManyRequests")]
    [InlineData(StatusReasons.BadRequest, "BadRequest")]
    [InlineData(StatusReasons.MethodNotAllowed, "MethodNotAllowed")]
    [InlineData(StatusReasons.NotAcceptable, "NotAcceptable")]
    [InlineData(StatusReasons.RequestEntityTooLarge, "RequestEntityTooLarge")]
    [InlineData(StatusReasons.UnsupportedMediaType, "UnsupportedMediaType")]
    [InlineData(StatusReasons.InternalError, "InternalError")]
    [InlineData(StatusReasons.Expired, "Expired")]
    [InlineData(StatusReasons.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData(StatusReasons.Unknown, "")]
    public void StatusReasons_Constant_IsTheWireValue(string constant, string wire)
    {
        Assert.Equal(wire, constant);
    }

    [Fact]
    public void Invalid_FieldErrorList_IsNotCopiedOrReordered()
    {
        var errors = new FieldErrorList
        {
            FieldError.Invalid(FieldPath.NewPath("spec", "b"), "x", "bad"),
            FieldError.Invalid(FieldPath.NewPath("spec", "a"), "y", "bad"),
        };

        var status = StatusException.Invalid(Group, "VMImage", "img", errors).Status;

        Assert.Equal(["spec.b", "spec.a"], status.Details!.Causes!.Select(c => c.Field));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Constructors_WithoutStatus_AreInternalErrors()
    {
        var inner = new InvalidOperationException("inner");

        var bare = new StatusException();
        var wrapped = new StatusException("wrapped", inner);
        var fromStatus = new StatusException(new Status { StatusValue = Status.Failure, Reason = StatusReasons.Conflict }, inner);

        Assert.Equal((500, StatusReasons.InternalError), (bare.Code, bare.Reason));
        Assert.Equal((500, "Internal error occurred: wrapped"), (wrapped.Code, wrapped.Message));
        Assert.Same(inner, wrapped.InnerException);
        Assert.Equal((500, StatusReasons.Conflict), (fromStatus.Code, fromStatus.Reason));
        Assert.Same(inner, fromStatus.InnerException);
    }

    [Fact]
    public void Reason_StatusWithoutReason_IsUnknown()
    {
        var exception = new StatusException(new Status { Code = 418 });

        Assert.Equal((418, ""), (exception.Code, exception.Reason));
    }

    [Fact]
    public void ToString_NotFound_IsCodeReasonAndMessage()
    {
        var exception = StatusException.NotFound(Group, "virtualmachines", "web");

        Assert.Equal("404 NotFound: virtualmachines.infra.virtrigaud.io \"web\" not found", exception.ToString());
    }
}

using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>metav1.Status on the wire through <see cref="MachineryJsonContext"/> (KUBERNETES-API.md §3.9).</summary>
public sealed class StatusJsonTests
{
    private const string InvalidStatus = """
        {
          "kind": "Status",
          "apiVersion": "v1",
          "metadata": {},
          "status": "Failure",
          "message": "VirtualMachine.infra.virtrigaud.io \"web\" is invalid: spec.providerRef: Required value",
          "reason": "Invalid",
          "details": {
            "name": "web",
            "group": "infra.virtrigaud.io",
            "kind": "VirtualMachine",
            "causes": [
              {"reason": "FieldValueRequired", "message": "Required value", "field": "spec.providerRef"}
            ]
          },
          "code": 422
        }
        """;

    [Fact]
    public void Write_InvalidStatus_HasTheKubeApiserverShape()
    {
        var status = new Status
        {
            StatusValue = Status.Failure,
            Message = "VirtualMachine.infra.virtrigaud.io \"web\" is invalid: spec.providerRef: Required value",
            Reason = StatusReasons.Invalid,
            Details = new StatusDetails
            {
                Name = "web",
                Group = "infra.virtrigaud.io",
                Kind = "VirtualMachine",
                Causes = [new StatusCause { Reason = "FieldValueRequired", Message = "Required value", Field = "spec.providerRef" }],
            },
            Code = 422,
        };

        WireJson.AssertWrites(InvalidStatus, status, MachineryJsonContext.Default.Status);
    }

    [Fact]
    public void Read_InvalidStatus_ParsesEveryField()
    {
        var status = WireJson.RoundTrip(InvalidStatus, MachineryJsonContext.Default.Status);

        Assert.Equal(("Status", "v1", Status.Failure, StatusReasons.Invalid, 422), (status.Kind, status.ApiVersion, status.StatusValue, status.Reason, status.Code));
        Assert.Equal(new ListMeta(), status.Metadata);
        Assert.Equal(("web", "infra.virtrigaud.io", "VirtualMachine"), (status.Details!.Name, status.Details.Group, status.Details.Kind));
        var cause = Assert.Single(status.Details.Causes!);
        Assert.Equal(("FieldValueRequired", "Required value", "spec.providerRef"), (cause.Reason, cause.Message, cause.Field));
    }

    [Fact]
    public void Write_SuccessfulDelete_HasStatusSuccessAndNoCode()
    {
        var status = new Status
        {
            StatusValue = Status.Success,
            Details = new StatusDetails { Name = "web", Group = "infra.virtrigaud.io", Kind = "virtualmachines", Uid = "8f0e6c3a-6d1e-4c6b-9c1f-0a4f7f2e9b11" },
        };

        WireJson.AssertWrites("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success",
             "details":{"name":"web","group":"infra.virtrigaud.io","kind":"virtualmachines","uid":"8f0e6c3a-6d1e-4c6b-9c1f-0a4f7f2e9b11"}}
            """, status, MachineryJsonContext.Default.Status);
    }

    [Fact]
    public void Read_TooManyRequests_KeepsRetryAfterSeconds()
    {
        var status = WireJson.RoundTrip("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"slow down",
             "reason":"TooManyRequests","details":{"retryAfterSeconds":3},"code":429}
            """, MachineryJsonContext.Default.Status);

        Assert.Equal(3, status.Details!.RetryAfterSeconds);
    }

    [Fact]
    public void Write_NewStatus_HasOnlyTypeAndEmptyMetadata()
    {
        WireJson.AssertWrites("""{"kind":"Status","apiVersion":"v1","metadata":{}}""", new Status(), MachineryJsonContext.Default.Status);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"kind":null,"apiVersion":null,"metadata":null}""")]
    public void Read_MissingTypeAndMetadata_AreDefaultedNotNull(string json)
    {
        var status = WireJson.Read(json, MachineryJsonContext.Default.Status);

        Assert.Equal(("Status", "v1", new ListMeta()), (status.Kind, status.ApiVersion, status.Metadata));
    }
}

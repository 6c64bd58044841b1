using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Models;
using VirtRigaud.Client.Models.CoordinationV1;
using VirtRigaud.Client.Models.CoreV1;

namespace VirtRigaud.Client.Tests.Models;

/// <summary>The core models read and write the field names and formats Kubernetes uses.</summary>
public sealed class CoreModelSerializationTests
{
    [Fact]
    public void Secret_Data_IsBase64OnTheWireAndBytesInMemory()
    {
        var secret = new Secret
        {
            Metadata = new ObjectMeta { Name = "creds", Namespace = "default" },
            Data = new Dictionary<string, byte[]> { ["password"] = "hunter2"u8.ToArray() },
            Type = "Opaque",
        };

        var json = JsonSerializer.Serialize(secret, CoreJsonContext.Default.CoreV1Secret);
        var back = JsonSerializer.Deserialize(json, CoreJsonContext.Default.CoreV1Secret)!;

        Assert.Equal("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds","namespace":"default"},"data":{"password":"aHVudGVyMg=="},"type":"Opaque"}""", json);
        Assert.Equal("hunter2"u8.ToArray(), back.Data!["password"]);
        Assert.DoesNotContain("hunter2", back.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("aHVudGVyMg", back.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lease_Times_AreMicroTime()
    {
        var lease = new Lease
        {
            Metadata = new ObjectMeta { Name = "virtrigaud-manager", Namespace = "virtrigaud-system" },
            Spec = new LeaseSpec
            {
                HolderIdentity = "pod-1",
                LeaseDurationSeconds = 15,
                AcquireTime = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567),
                RenewTime = new DateTimeOffset(2025, 3, 1, 12, 0, 5, TimeSpan.FromHours(2)),
                LeaseTransitions = 3,
            },
        };

        var spec = JsonNode.Parse(JsonSerializer.Serialize(lease, CoreJsonContext.Default.CoordinationV1Lease))!["spec"]!;
        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(lease, CoreJsonContext.Default.CoordinationV1Lease), CoreJsonContext.Default.CoordinationV1Lease)!;

        Assert.Equal("2025-03-01T10:00:00.123456Z", (string?)spec["acquireTime"]);
        Assert.Equal("2025-03-01T10:00:05.000000Z", (string?)spec["renewTime"]);
        Assert.Equal(lease.Spec.RenewTime, back.Spec!.RenewTime);
    }

    [Fact]
    public void CoreEvent_ReadsWhatKubeApiserverWrites()
    {
        const string json = """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.17f","namespace":"default"},
             "involvedObject":{"kind":"VirtualMachine","namespace":"default","name":"web","uid":"u-1","apiVersion":"infra.virtrigaud.io/v1beta1"},
             "reason":"Created","message":"created on vsphere","source":{"component":"virtrigaud-manager"},
             "firstTimestamp":"2025-03-01T10:00:00Z","lastTimestamp":"2025-03-01T10:05:00Z","count":3,"type":"Normal",
             "eventTime":null,"reportingComponent":"virtrigaud.io/vm-controller","reportingInstance":"pod-1"}
            """;

        var e = JsonSerializer.Deserialize(json, CoreJsonContext.Default.CoreV1Event)!;

        Assert.Equal("web", e.InvolvedObject.Name);
        Assert.Equal(3, e.Count);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 5, 0, TimeSpan.Zero), e.LastTimestamp);
        Assert.Null(e.EventTime);
    }

    [Fact]
    public void EventsV1Event_WritesEventTimeAsMicroTime()
    {
        var e = new VirtRigaud.Client.Models.EventsV1.Event
        {
            Metadata = new ObjectMeta { Name = "e1", Namespace = "default" },
            EventTime = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero),
            ReportingController = "virtrigaud.io/vm-controller",
            ReportingInstance = "pod-1",
            Action = "Create",
            Reason = "Created",
            Regarding = new ObjectReference { Kind = "VirtualMachine", Name = "web", Namespace = "default" },
            Note = "created",
            Type = "Normal",
            Series = new VirtRigaud.Client.Models.EventsV1.EventSeries { Count = 2, LastObservedTime = new DateTimeOffset(2025, 3, 1, 10, 1, 0, TimeSpan.Zero) },
        };

        var node = JsonNode.Parse(JsonSerializer.Serialize(e, CoreJsonContext.Default.EventsV1Event))!;

        Assert.Equal("events.k8s.io/v1", (string?)node["apiVersion"]);
        Assert.Equal("2025-03-01T10:00:00.000000Z", (string?)node["eventTime"]);
        Assert.Equal("2025-03-01T10:01:00.000000Z", (string?)node["series"]!["lastObservedTime"]);
        Assert.Equal("web", (string?)node["regarding"]!["name"]);
    }

    [Fact]
    public void TokenReview_ToString_NeverPrintsTheToken()
    {
        var review = new VirtRigaud.Client.Models.AuthenticationV1.TokenReview
        {
            Spec = new VirtRigaud.Client.Models.AuthenticationV1.TokenReviewSpec { Token = "eyJhbGciOi.secret" },
        };

        Assert.DoesNotContain("eyJhbGciOi", review.Spec.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"token\":\"eyJhbGciOi.secret\"", JsonSerializer.Serialize(review, CoreJsonContext.Default.AuthenticationV1TokenReview), StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_WithPodTemplate_RoundTrips()
    {
        const string json = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"provider-vsphere","namespace":"virtrigaud-system"},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"p"}},
              "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}},
              "template":{"metadata":{"labels":{"app":"p"}},"spec":{"serviceAccountName":"provider",
               "containers":[{"name":"provider","image":"ghcr.io/x/provider:1","ports":[{"name":"grpc","containerPort":9443}],
                 "env":[{"name":"PROVIDER_TYPE","value":"vsphere"}],"volumeMounts":[{"name":"tls","mountPath":"/etc/virtrigaud/tls","readOnly":true}]}],
               "volumes":[{"name":"tls","secret":{"secretName":"provider-tls","defaultMode":288}}]}}}}
            """;

        var deployment = JsonSerializer.Deserialize(json, CoreJsonContext.Default.AppsV1Deployment)!;
        var again = JsonNode.Parse(JsonSerializer.Serialize(deployment, CoreJsonContext.Default.AppsV1Deployment))!;

        Assert.Equal(9443, deployment.Spec!.Template.Spec!.Containers[0].Ports![0].ContainerPortNumber);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), again), again.ToJsonString());
    }
}

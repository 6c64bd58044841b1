using Microsoft.Extensions.Primitives;
using VirtRigaud.Apiserver.OpenApi.Protobuf;

namespace VirtRigaud.Apiserver.Tests.OpenApi.Protobuf;

public sealed class OpenApiV2NegotiationTests
{
    // The expected format by name: the enum is internal, and theory data of a public test must be public.
    public static TheoryData<string?, string> Cases => new()
    {
        { null, "Json" },
        { "*/*", "Json" },
        { "application/json", "Json" },
        { "application/json, */*", "Json" },
        { "application/com.github.proto-openapi.spec.v2@v1.0+protobuf", "Protobuf" },
        { "application/com.github.proto-openapi.spec.v2.v1.0+protobuf", "Protobuf" },
        { "application/com.github.proto-openapi.spec.v2@v1.0+protobuf, application/json", "Protobuf" },
        { "application/json;q=0.5, application/com.github.proto-openapi.spec.v2.v1.0+protobuf", "Protobuf" },
        { "*/*, application/com.github.proto-openapi.spec.v2@v1.0+protobuf", "Protobuf" },
        { "application/json;q=0, */*", "Json" },
        { "application/com.github.proto-openapi.spec.v2.v1.0+protobuf;q=0, application/json", "Json" },
        { "application/xml", "None" },
        { "application/vnd.kubernetes.protobuf", "None" },
        { "application/json;q=0", "None" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Select_AcceptHeader_ChoosesAsKubeOpenApi(string? accept, string expected)
    {
        Assert.Equal(expected, OpenApiV2Negotiation.Select(accept is null ? StringValues.Empty : new StringValues(accept)).ToString());
    }
}

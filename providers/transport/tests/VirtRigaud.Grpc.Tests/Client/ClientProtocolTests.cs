namespace VirtRigaud.Grpc.Tests.Client;

/// <summary>The wire rules of the client that need no server: status parsing and HTTP/2 error code mapping.</summary>
public sealed class ClientProtocolTests
{
    [Theory]
    [InlineData(0x0, StatusCode.Internal)]
    [InlineData(0x1, StatusCode.Internal)]
    [InlineData(0x2, StatusCode.Internal)]
    [InlineData(0x3, StatusCode.Internal)]
    [InlineData(0x4, StatusCode.Internal)]
    [InlineData(0x6, StatusCode.Internal)]
    [InlineData(0x7, StatusCode.Unavailable)]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0x9, StatusCode.Internal)]
    [InlineData(0xa, StatusCode.Internal)]
    [InlineData(0xb, StatusCode.ResourceExhausted)]
    [InlineData(0xc, StatusCode.PermissionDenied)]
    public void FromHttp2ErrorCode_ProtocolTable_MapsCode(long errorCode, StatusCode expected)
    {
        Assert.Equal(expected, ClientProtocol.FromHttp2ErrorCode(errorCode).Code);
    }

    [Theory]
    [InlineData("0", null, StatusCode.OK, "")]
    [InlineData("14", "try%20later", StatusCode.Unavailable, "try later")]
    [InlineData("17", null, (StatusCode)17, "")]
    [InlineData("abc", null, StatusCode.Unknown, "Malformed grpc-status \"abc\"")]
    [InlineData("-1", "x", StatusCode.Unknown, "Malformed grpc-status \"-1\": x")]
    [InlineData(null, "only%20a%20message", StatusCode.Unknown, "only a message")]
    [InlineData(null, null, StatusCode.Unknown, "The response ended without a grpc-status")]
    public void ReadStatus_Headers_ParsesCodeAndDecodesMessage(string? code, string? message, StatusCode expectedCode, string expectedDetail)
    {
        using var response = new HttpResponseMessage();
        if (code is not null)
        {
            response.TrailingHeaders.TryAddWithoutValidation("grpc-status", code);
        }

        if (message is not null)
        {
            response.TrailingHeaders.TryAddWithoutValidation("grpc-message", message);
        }

        Assert.Equal(new Status(expectedCode, expectedDetail), ClientProtocol.ReadStatus(response.TrailingHeaders));
    }

    [Fact]
    public void ReadMetadata_InvalidEntries_AreDropped()
    {
        using var response = new HttpResponseMessage();
        var headers = response.Headers;
        headers.TryAddWithoutValidation("x-good", "fine");
        headers.TryAddWithoutValidation("x-bad-bin", "!!not base64!!");
        headers.TryAddWithoutValidation("x-control", "a\u0001b");
        headers.TryAddWithoutValidation("grpc-status", "0");

        var metadata = ClientProtocol.ReadMetadata(headers);

        var entry = Assert.Single(metadata);
        Assert.Equal("x-good", entry.Key);
    }
}

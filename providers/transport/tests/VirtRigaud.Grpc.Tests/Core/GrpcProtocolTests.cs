using VirtRigaud.Grpc.Internal;

namespace VirtRigaud.Grpc.Tests.Core;

public sealed class GrpcProtocolTests
{
    [Theory]
    [InlineData(0L, "0n")]
    [InlineData(1L, "100n")]
    [InlineData(999_999L, "99999900n")]
    [InlineData(1_000_000L, "100000u")]
    [InlineData(10_000_000L, "1000000u")]
    [InlineData(1_000_000_000L, "100000m")]
    [InlineData(36_000_000_000_000L, "3600000S")]
    public void FormatTimeout_Ticks_UsesFinestUnitWithinEightDigits(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcProtocol.FormatTimeout(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void FormatTimeout_Negative_IsZero()
    {
        Assert.Equal("0n", GrpcProtocol.FormatTimeout(TimeSpan.FromSeconds(-5)));
    }

    [Fact]
    public void FormatTimeout_Longest_IsWholeHoursRoundedUp()
    {
        // TimeSpan.MaxValue is about 29 227 years: 2 562 047.8 hours, which fits in eight digits once rounded up.
        Assert.Equal("2562048H", GrpcProtocol.FormatTimeout(TimeSpan.MaxValue));
    }

    [Fact]
    public void FormatTimeout_NeverShortensTheDeadline()
    {
        // 1.5 s fits exactly in microseconds; 100000001 µs does not fit in 8 digits and must round up to whole ms.
        Assert.Equal("1500000u", GrpcProtocol.FormatTimeout(TimeSpan.FromMilliseconds(1500)));
        Assert.Equal("100001m", GrpcProtocol.FormatTimeout(TimeSpan.FromTicks(1_000_000_010L)));
    }

    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("500n", 5L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void TryParseTimeout_Valid_Parses(string text, long ticks)
    {
        Assert.True(GrpcProtocol.TryParseTimeout(text, out var timeout));
        Assert.Equal(TimeSpan.FromTicks(ticks), timeout);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData("123456789S")]
    [InlineData(" 1S")]
    public void TryParseTimeout_Malformed_Fails(string? text)
    {
        Assert.False(GrpcProtocol.TryParseTimeout(text, out _));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n", "%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A")]
    public void EncodeMessage_PercentEncodesOutsidePrintableAscii(string message, string encoded)
    {
        Assert.Equal(encoded, GrpcProtocol.EncodeMessage(message));
        Assert.Equal(message, GrpcProtocol.DecodeMessage(encoded));
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("%zz", "%zz")]
    [InlineData("a%41b", "aAb")]
    public void DecodeMessage_MalformedEscapes_AreKept(string encoded, string decoded)
    {
        Assert.Equal(decoded, GrpcProtocol.DecodeMessage(encoded));
    }

    [Theory]
    [InlineData(new byte[] { }, "")]
    [InlineData(new byte[] { 0xab }, "qw")]
    [InlineData(new byte[] { 0xab, 0xab }, "q6s")]
    [InlineData(new byte[] { 0xab, 0xab, 0xab }, "q6ur")]
    public void EncodeBinary_IsUnpaddedBase64_AndDecodesBothForms(byte[] value, string encoded)
    {
        Assert.Equal(encoded, GrpcProtocol.EncodeBinary(value));
        Assert.Equal(value, GrpcProtocol.DecodeBinary(encoded));
        Assert.Equal(value, GrpcProtocol.DecodeBinary(Convert.ToBase64String(value)));
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(418, StatusCode.Unknown)]
    public void FromHttpStatus_FollowsTheMappingTable(int http, StatusCode code)
    {
        Assert.Equal(code, GrpcProtocol.FromHttpStatus(http));
    }

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc;charset=utf-8", true)]
    [InlineData("APPLICATION/GRPC", true)]
    [InlineData("application/grpcx", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void IsGrpcContentType_RecognisesGrpcTypes(string? contentType, bool expected)
    {
        Assert.Equal(expected, GrpcProtocol.IsGrpcContentType(contentType));
    }

    [Theory]
    [InlineData(":path", true)]
    [InlineData("grpc-timeout", true)]
    [InlineData("grpc-status-details-bin", false)]
    [InlineData("content-type", true)]
    [InlineData("te", true)]
    [InlineData("x-custom", false)]
    [InlineData("authorization", false)]
    public void IsReservedHeader_KeepsTransportHeadersOutOfMetadata(string name, bool reserved)
    {
        Assert.Equal(reserved, GrpcProtocol.IsReservedHeader(name));
    }
}

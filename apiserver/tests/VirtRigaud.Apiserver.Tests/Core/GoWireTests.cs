using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using VirtRigaud.Apiserver.Registry.Builtin;
using VirtRigaud.Apiserver.Registry.Builtin.Leases;
using VirtRigaud.Apiserver.Registry.Builtin.Secrets;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>The Go wire rules the built-in resources are decoded with: base64, time layouts, the JSON round trip, protobuf.</summary>
public sealed class GoWireTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("QQ==", "A")]
    [InlineData("QUI=", "AB")]
    [InlineData("QUJD", "ABC")]
    [InlineData("QUJD\nREVG", "ABCDEF")]
    [InlineData("QU\r\nJD", "ABC")]
    [InlineData("QUJDRA==\n", "ABCD")]
    public void GoBase64_Valid_Decodes(string text, string expected)
    {
        Assert.True(GoBase64.TryDecode(text, out var bytes, out _));
        Assert.Equal(expected, Encoding.ASCII.GetString(bytes));
    }

    [Theory]
    [InlineData("Q", 0)]
    [InlineData("QQ", 0)]
    [InlineData("QUJ", 0)]
    [InlineData("QUJD=", 4)]
    [InlineData("QQ=", 3)]
    [InlineData("QQ=A", 2)]
    [InlineData("QQ==QQ==", 4)]
    [InlineData("QU JD", 2)]
    [InlineData("QUJD!", 4)]
    [InlineData("QUJDQQ", 4)]
    public void GoBase64_Corrupt_ReportsTheByteGoReports(string text, int index)
    {
        Assert.False(GoBase64.TryDecode(text, out _, out var errorIndex));
        Assert.Equal(index, errorIndex);
    }

    [Theory]
    [InlineData("2025-03-01T10:00:00Z", false, "2025-03-01T10:00:00Z")]
    [InlineData("2025-03-01T10:00:00.999Z", false, "2025-03-01T10:00:00Z")]
    [InlineData("2025-03-01T12:00:00+02:00", false, "2025-03-01T10:00:00Z")]
    [InlineData("2025-03-01T10:00:00.123456Z", true, "2025-03-01T10:00:00.123456Z")]
    [InlineData("2025-03-01T11:00:00.000001+01:00", true, "2025-03-01T10:00:00.000001Z")]
    public void GoTime_Valid_ParsesAndFormatsInUtc(string text, bool micro, string expected)
    {
        Assert.True(GoTime.TryParse(text, micro, out var time, out var error), error);
        Assert.Equal(expected, GoTime.Format(time, micro));
    }

    [Theory]
    [InlineData("2025-03-01T10:00:00Z", true, "parsing time \"2025-03-01T10:00:00Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"Z\" as \".000000\"")]
    [InlineData("2025-03-01T10:00:00.123Z", true, "parsing time \"2025-03-01T10:00:00.123Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \".123Z\" as \".000000\"")]
    [InlineData("yesterday", false, "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"")]
    [InlineData("2025/03/01", false, "parsing time \"2025/03/01\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"/03/01\" as \"-\"")]
    [InlineData("2025-3-01T10:00:00Z", false, "parsing time \"2025-3-01T10:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"3-01T10:00:00Z\" as \"01\"")]
    [InlineData("2025-03-01 10:00:00Z", false, "parsing time \"2025-03-01 10:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \" 10:00:00Z\" as \"T\"")]
    [InlineData("2025-03-01T10:00:00", false, "parsing time \"2025-03-01T10:00:00\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"Z07:00\"")]
    [InlineData("2025-03-01T10:00:00Zjunk", false, "parsing time \"2025-03-01T10:00:00Zjunk\": extra text: \"junk\"")]
    [InlineData("2025-02-30T10:00:00Z", false, "parsing time \"2025-02-30T10:00:00Z\": day out of range")]
    [InlineData("2025-03-01T24:00:00Z", false, "parsing time \"2025-03-01T24:00:00Z\": hour out of range")]
    public void GoTime_Invalid_FailsWithGosParseError(string text, bool micro, string expected)
    {
        Assert.False(GoTime.TryParse(text, micro, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void RoundTrip_Secret_TakesGosCanonicalFormAndReportsUnknownFields()
    {
        var input = JsonNode.Parse("""
            {"type":"Opaque","kind":"Secret","data":{"b":"QUJD\nREVG","a":""},"apiVersion":"v1","extra":{"x":1},"immutable":null,"metadata":{"name":"s"},"stringData":{}}
            """)!.AsObject();
        var unknown = new List<string>();

        var output = GoJson.RoundTrip(input, SecretTypes.Secret, unknown);

        Assert.Equal("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"a":"","b":"QUJDREVG"},"type":"Opaque"}""", output.ToJsonString());
        Assert.Equal(["extra"], unknown);
        Assert.NotNull(input["extra"]);
    }

    [Fact]
    public void RoundTrip_Lease_KeepsPointersAndAlwaysWritesTheSpec()
    {
        var unknown = new List<string>();

        var empty = GoJson.RoundTrip(JsonNode.Parse("""{"metadata":{"name":"l"}}""")!.AsObject(), LeaseTypes.Lease, unknown);
        var zeros = GoJson.RoundTrip(JsonNode.Parse("""{"spec":{"holderIdentity":"","leaseTransitions":0,"renewTime":null,"bogus":1}}""")!.AsObject(), LeaseTypes.Lease, unknown);

        Assert.Equal("""{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"l"},"spec":{}}""", empty.ToJsonString());
        Assert.Equal("""{"holderIdentity":"","leaseTransitions":0}""", zeros["spec"]!.ToJsonString());
        Assert.Equal(["spec.bogus"], unknown);
    }

    [Fact]
    public void Protobuf_EnvelopedSecret_DecodesToJson()
    {
        var metadata = Message(m =>
        {
            m.WriteTag(1, WireFormat.WireType.LengthDelimited);
            m.WriteString("db");
            m.WriteTag(8, WireFormat.WireType.LengthDelimited);
            m.WriteBytes(Message(t =>
            {
                t.WriteTag(1, WireFormat.WireType.Varint);
                t.WriteInt64(1735725600);
            }));
            m.WriteTag(11, WireFormat.WireType.LengthDelimited);
            m.WriteBytes(Entry("app", e => e.WriteString("web")));
        });
        var secret = Message(s =>
        {
            s.WriteTag(1, WireFormat.WireType.LengthDelimited);
            s.WriteBytes(metadata);
            s.WriteTag(2, WireFormat.WireType.LengthDelimited);
            s.WriteBytes(Entry("password", e => e.WriteBytes(ByteString.CopyFromUtf8("s3cr3t"))));
            s.WriteTag(3, WireFormat.WireType.LengthDelimited);
            s.WriteString("Opaque");
            s.WriteTag(99, WireFormat.WireType.Varint);
            s.WriteInt32(7);
        });
        var unknown = Message(u =>
        {
            u.WriteTag(1, WireFormat.WireType.LengthDelimited);
            u.WriteBytes(Message(t =>
            {
                t.WriteTag(1, WireFormat.WireType.LengthDelimited);
                t.WriteString("v1");
                t.WriteTag(2, WireFormat.WireType.LengthDelimited);
                t.WriteString("Secret");
            }));
            u.WriteTag(2, WireFormat.WireType.LengthDelimited);
            u.WriteBytes(secret);
        });

        var json = GoProtobuf.Decode([(byte)'k', (byte)'8', (byte)'s', 0, .. unknown.ToByteArray()], SecretTypes.Secret);

        Assert.Equal(
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","creationTimestamp":"2025-01-01T10:00:00Z","labels":{"app":"web"}},"data":{"password":"czNjcjN0"},"type":"Opaque"}""",
            json.ToJsonString());
    }

    [Fact]
    public void Protobuf_WithoutTheEnvelope_IsADecodeError()
    {
        var error = Assert.Throws<GoDecodeException>(() => GoProtobuf.Decode("{}"u8.ToArray(), SecretTypes.Secret));

        Assert.Equal("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]", error.Message);
    }

    private static ByteString Entry(string key, Action<CodedOutputStream> value) => Message(e =>
    {
        e.WriteTag(1, WireFormat.WireType.LengthDelimited);
        e.WriteString(key);
        e.WriteTag(2, WireFormat.WireType.LengthDelimited);
        value(e);
    });

    private static ByteString Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(buffer.ToArray());
    }
}

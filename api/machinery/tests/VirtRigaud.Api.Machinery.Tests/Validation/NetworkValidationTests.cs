using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Validation;

public sealed class NetworkValidationTests
{
    private static readonly FieldPath Path = FieldPath.NewPath("spec", "ip");

    [Theory]
    [InlineData(1, true)]
    [InlineData(80, true)]
    [InlineData(65535, true)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(65536, false)]
    [InlineData(int.MinValue, false)]
    public void IsValidPortNum_Port_IsBetween1And65535(int port, bool valid)
    {
        Assert.Equal(valid ? [] : ["must be between 1 and 65535, inclusive"], NetworkValidation.IsValidPortNum(port));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("h-t-t-p")]
    [InlineData("a1")]
    [InlineData("123a")]
    [InlineData("abcdefghijklmno")]
    public void IsValidPortName_Valid_NoErrors(string name)
    {
        Assert.Empty(NetworkValidation.IsValidPortName(name));
    }

    [Theory]
    [InlineData("", new[] { "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", "must contain at least one letter (a-z)" })]
    [InlineData("1234", new[] { "must contain at least one letter (a-z)" })]
    [InlineData("a--b", new[] { "must not contain consecutive hyphens" })]
    [InlineData("-ab", new[] { "must not begin or end with a hyphen" })]
    [InlineData("ab-", new[] { "must not begin or end with a hyphen" })]
    [InlineData("HTTP", new[] { "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", "must contain at least one letter (a-z)" })]
    [InlineData("a_b", new[] { "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)" })]
    [InlineData("abcdefghijklmnop", new[] { "must be no more than 15 characters" })]
    [InlineData("-", new[] { "must contain at least one letter (a-z)", "must not begin or end with a hyphen" })]
    public void IsValidPortName_Invalid_ReportsKubernetesMessages(string name, string[] expected)
    {
        Assert.Equal(expected, NetworkValidation.IsValidPortName(name));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("1.2.3.4")]
    [InlineData("255.255.255.255")]
    [InlineData("10.9.8.7")]
    [InlineData("001.002.003.004")]
    [InlineData("1.2.3.04")]
    [InlineData("0000000001.2.3.4")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("2001:db8::ffff")]
    [InlineData("2001:DB8::FFFF")]
    [InlineData("1:2:3:4:5:6:7:8")]
    [InlineData("1:2:3:4:5:6:7::")]
    [InlineData("::2:3:4:5:6:7:8")]
    [InlineData("1::8")]
    [InlineData("fe80::")]
    [InlineData("::ffff:1.2.3.4")]
    [InlineData("::1.2.3.4")]
    [InlineData("1:2:3:4:5:6:1.2.3.4")]
    [InlineData("0001::")]
    [InlineData("00000000001::")]
    public void IsValidIP_SloppyValid_NoErrors(string value)
    {
        Assert.Empty(NetworkValidation.IsValidIP(Path, value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.0.0.0")]
    [InlineData("1.2.3.256")]
    [InlineData("1.2.3.-4")]
    [InlineData("a.b.c.d")]
    [InlineData("1.2.3.4 ")]
    [InlineData(" 1.2.3.4")]
    [InlineData("1..2.3")]
    [InlineData("1.2.3.4:80")]
    [InlineData("0x1.2.3.4")]
    [InlineData("1.2.3.4/32")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7:8::")]
    [InlineData("1::2:3:4:5:6:7:8")]
    [InlineData("1::2::3")]
    [InlineData("12345::")]
    [InlineData(":1::")]
    [InlineData("1:")]
    [InlineData(":::")]
    [InlineData("1:2")]
    [InlineData("fe80::1%eth0")]
    [InlineData("::ffff:1.2.3")]
    [InlineData("1:2:3:4:5:6:7:1.2.3.4")]
    [InlineData("1:2:3:4:5:1.2.3.4")]
    [InlineData("1.2.3.4::")]
    [InlineData("[::1]")]
    [InlineData("g::1")]
    public void IsValidIP_Invalid_ReportsKubernetesMessage(string value)
    {
        var error = Assert.Single(NetworkValidation.IsValidIP(Path, value));

        Assert.Equal($"spec.ip: Invalid value: {FieldError.Quote(value)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)", error.ToString());
    }

    [Theory]
    [InlineData("1.2.3.4", true)]
    [InlineData("010.0.0.1", true)]
    [InlineData("::ffff:1.2.3.4", true)]
    [InlineData("::ffff:102:304", true)]
    [InlineData("::1", false)]
    [InlineData("::1.2.3.4", false)]
    [InlineData("1.2.3", false)]
    [InlineData("", false)]
    public void IsValidIPv4Address_Value_AcceptsIPv4AndMapped(string value, bool valid)
    {
        var errors = NetworkValidation.IsValidIPv4Address(Path, value);

        Assert.Equal(valid ? "" : $"spec.ip: Invalid value: {FieldError.Quote(value)}: must be a valid IPv4 address", errors.ToString());
    }

    [Theory]
    [InlineData("::1", true)]
    [InlineData("2001:db8::", true)]
    [InlineData("::1.2.3.4", true)]
    [InlineData("1.2.3.4", false)]
    [InlineData("::ffff:1.2.3.4", false)]
    [InlineData("2001:db8:::1", false)]
    public void IsValidIPv6Address_Value_RejectsIPv4(string value, bool valid)
    {
        var errors = NetworkValidation.IsValidIPv6Address(Path, value);

        Assert.Equal(valid ? "" : $"spec.ip: Invalid value: {FieldError.Quote(value)}: must be a valid IPv6 address", errors.ToString());
    }

    [Theory]
    [InlineData("1.2.3.4/32", true)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.0.0.1/8", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("010.0.0.0/8", true)]
    [InlineData("1.2.3.4/024", true)]
    [InlineData("::/0", true)]
    [InlineData("2001:db8::/64", true)]
    [InlineData("::ffff:1.2.3.4/120", true)]
    [InlineData("::1/128", true)]
    [InlineData("1.2.3.4", false)]
    [InlineData("1.2.3.4/33", false)]
    [InlineData("::/129", false)]
    [InlineData("1.2.3.4/", false)]
    [InlineData("1.2.3.4/a", false)]
    [InlineData("1.2.3.4/-1", false)]
    [InlineData("1.2.3.4/8 ", false)]
    [InlineData("/8", false)]
    [InlineData("1.2.3/8", false)]
    [InlineData("1.2.3.4/8/8", false)]
    public void IsValidCidr_Value_FollowsSloppyParsing(string value, bool valid)
    {
        var errors = NetworkValidation.IsValidCidr(Path, value);

        Assert.Equal(valid ? "" : $"spec.ip: Invalid value: {FieldError.Quote(value)}: must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)", errors.ToString());
    }
}

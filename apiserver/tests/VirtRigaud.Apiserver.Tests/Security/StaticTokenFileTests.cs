using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Tests.Security;

public sealed class StaticTokenFileTests
{
    [Theory]
    [InlineData("t1,alice,1001", "t1", "alice", "1001", "system:authenticated")]
    [InlineData("t1,alice,1001,\"dev,ops\"", "t1", "alice", "1001", "dev|ops|system:authenticated")]
    [InlineData("t1,alice,1001,dev", "t1", "alice", "1001", "dev|system:authenticated")]
    [InlineData("\r\nx,bob,2\r\n\r\nt1,alice,1001,\"dev, ops\"\r\n", "t1", "alice", "1001", "dev|ops|system:authenticated")]
    [InlineData("\"t,1\",\"al\"\"ice\",7", "t,1", "al\"ice", "7", "system:authenticated")]
    public void Parse_ValidLine_MapsTokenToUser(string text, string token, string user, string uid, string groups)
    {
        var file = StaticTokenFile.Parse(text, "tokens.csv");

        var found = file.Find(token);

        Assert.NotNull(found);
        Assert.Equal(user, found.Name);
        Assert.Equal(uid, found.Uid);
        Assert.Equal(groups.Split('|'), found.Groups);
    }

    [Theory]
    [InlineData("t1,alice", "line 1: must have at least 3 columns (token, user name, user uid), found 2")]
    [InlineData("t1,alice,1\nt2,bob", "line 2: must have at least 3 columns")]
    [InlineData("t1,alice,1\nt1,bob,2", "line 2: duplicate token")]
    [InlineData(",alice,1", "line 1: the token and the user name must not be empty")]
    [InlineData("t1,\"alice,1", "line 1: unterminated quoted field")]
    public void Parse_InvalidFile_ThrowsWithLine(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StaticTokenFile.Parse(text, "tokens.csv"));

        Assert.Contains("token file tokens.csv " + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_UnknownToken_ReturnsNull()
    {
        var file = StaticTokenFile.Parse("t1,alice,1", "tokens.csv");

        Assert.Null(file.Find("t2"));
        Assert.Null(file.Find("T1"));
        Assert.Equal(1, file.Count);
    }
}

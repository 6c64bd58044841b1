using VirtRigaud.Apiserver.Http;

namespace VirtRigaud.Apiserver.Tests.Http;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(125, "2m5s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 60 * 7, "3h7m")]
    [InlineData(10 * 3600, "10h")]
    [InlineData(3 * 86400 + 3600 * 5, "3d5h")]
    [InlineData(30 * 86400, "30d")]
    [InlineData(3 * 365 * 86400 + 86400 * 4, "3y4d")]
    [InlineData(9 * 365 * 86400, "9y")]
    public void Format_Seconds_MatchesApimachinery(long seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }
}

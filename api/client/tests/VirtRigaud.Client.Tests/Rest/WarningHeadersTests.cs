using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Tests.Rest;

public sealed class WarningHeadersTests
{
    public static TheoryData<string[], string[]> Cases() => new()
    {
        { ["299 - \"unknown field \\\"spec.foo\\\"\""], ["299|-|unknown field \"spec.foo\""] },
        { ["299 - \"first\", 299 - \"second\""], ["299|-|first", "299|-|second"] },
        { ["299 kube-apiserver \"with date\" \"Sat, 01 Mar 2025 10:00:00 GMT\""], ["299|kube-apiserver|with date"] },
        { ["299 - \"a\"", "299 - \"b\""], ["299|-|a", "299|-|b"] },
        { ["garbage", "29 - \"short code\"", "299 -"], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_HeaderValues_YieldsTheWarnings(string[] values, string[] expected)
    {
        var parsed = WarningHeaders.Parse(values).Select(w => $"{w.Code}|{w.Agent}|{w.Text}");

        Assert.Equal(expected, parsed);
    }
}

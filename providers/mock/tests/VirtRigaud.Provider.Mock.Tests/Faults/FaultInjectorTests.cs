using VirtRigaud.Grpc;
using VirtRigaud.Provider.Mock.Faults;

namespace VirtRigaud.Provider.Mock.Tests.Faults;

public sealed class FaultInjectorTests
{
    [Fact]
    public void DecideRpc_SameSeed_FailsTheSameCalls()
    {
        static string Pattern(long seed)
        {
            using var faults = new FaultInjector();
            faults.Configure(MockFaultConfiguration.Parse("{\"seed\": " + seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + """, "rpcs": {"Create": {"errorRate": 0.3}}}"""));
            return string.Concat(Enumerable.Range(0, 200).Select(_ => faults.DecideRpc("Create").Code is null ? '.' : 'x'));
        }

        var first = Pattern(7);
        var second = Pattern(7);
        var other = Pattern(8);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        var failures = first.Count(c => c == 'x');
        Assert.InRange(failures, 35, 85);
    }

    [Fact]
    public void DecideRpc_OtherRpcCalls_DoNotDisturbTheSequence()
    {
        using var a = new FaultInjector();
        using var b = new FaultInjector();
        var configuration = MockFaultConfiguration.Parse("""{"rpcs": {"Create": {"errorRate": 0.5}, "Describe": {"errorRate": 0.5}}}""");
        a.Configure(configuration);
        b.Configure(configuration);

        var plain = Enumerable.Range(0, 50).Select(_ => a.DecideRpc("Create").Code).ToList();
        var interleaved = Enumerable.Range(0, 50).Select(_ =>
        {
            b.DecideRpc("Describe");
            return b.DecideRpc("Create").Code;
        }).ToList();

        Assert.Equal(plain, interleaved);
    }

    [Fact]
    public void DecideRpc_FailTimes_FailsExactlyThatManyThenPasses()
    {
        using var faults = new FaultInjector();
        faults.Configure(MockFaultConfiguration.Parse("""{"rpcs": {"Describe": {"failTimes": 2, "code": "INTERNAL", "message": "boom", "latencyMs": 250}}}"""));

        var decisions = Enumerable.Range(0, 3).Select(_ => faults.DecideRpc("Describe")).ToList();

        Assert.Equal([StatusCode.Internal, StatusCode.Internal, null], decisions.Select(d => d.Code));
        Assert.All(decisions, d => Assert.Equal(TimeSpan.FromMilliseconds(250), d.Latency));
        Assert.Equal("boom", decisions[0].Message);
        Assert.Equal(RpcFaultDecision.PassThrough, faults.DecideRpc("Create"));
    }

    [Fact]
    public void DecideRpc_Wildcard_AppliesToRpcsWithoutTheirOwnRule()
    {
        using var faults = new FaultInjector();
        faults.Configure(MockFaultConfiguration.Parse("""{"rpcs": {"*": {"failAlways": true, "code": "resource_exhausted"}, "Validate": {"latencyMs": 5}}}"""));

        Assert.Equal(StatusCode.ResourceExhausted, faults.DecideRpc("ListVMs").Code);
        Assert.Null(faults.DecideRpc("Validate").Code);
    }

    [Fact]
    public void DecideRpc_Down_FailsEverythingButValidate()
    {
        using var faults = new FaultInjector();
        faults.Configure(new MockFaultConfiguration { Down = true });

        Assert.Equal(StatusCode.Unavailable, faults.DecideRpc("Create").Code);
        Assert.Equal(StatusCode.Unavailable, faults.DecideRpc("ConsoleStream").Code);
        Assert.Null(faults.DecideRpc("Validate").Code);
        Assert.True(faults.IsDown);
    }

    [Fact]
    public void Configure_Again_ResetsCounters()
    {
        using var faults = new FaultInjector();
        var configuration = MockFaultConfiguration.Parse("""{"tasks": {"Power": {"failTimes": 1}}}""");
        faults.Configure(configuration);
        Assert.NotNull(faults.DecideTask("Power"));
        Assert.Null(faults.DecideTask("Power"));

        faults.Configure(configuration);

        Assert.Equal("injected task failure", faults.DecideTask("Power"));
    }

    [Theory]
    [InlineData("""{"rpcs": {"Teleport": {}}}""", "unknown RPC")]
    [InlineData("""{"rpcs": {"Create": {"errorRate": 1.5}}}""", "errorRate")]
    [InlineData("""{"rpcs": {"Create": {"code": "OK"}}}""", "non-OK")]
    [InlineData("""{"rpcs": {"Create": {"code": "SOMETIMES"}}}""", "non-OK")]
    [InlineData("""{"rpcs": {"Create": {"latencyMs": -1}}}""", "latencyMs")]
    [InlineData("""{"rpcs": {"Create": {"errorRat": 0.5}}}""", "errorRat")]
    [InlineData("""{"tasks": {"Fly": {}}}""", "unknown operation")]
    [InlineData("""{"tasks": {"Power": {"message": " "}}}""", "message")]
    [InlineData("""{"down": "yes"}""", "invalid fault configuration")]
    [InlineData("null", "null")]
    public void Parse_Invalid_SaysWhy(string json, string why)
    {
        var e = Assert.Throws<FormatException>(() => MockFaultConfiguration.Parse(json));

        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAccepted()
    {
        var configuration = MockFaultConfiguration.Parse("""
            {
              // a hand-edited file
              "seed": 3,
              "rpcs": { "Power": { "code": "14", }, },
            }
            """);

        Assert.Equal(3, configuration.Seed);
        Assert.True(MockFaultConfiguration.TryParseCode(configuration.Rpcs!["Power"].Code, out var code));
        Assert.Equal(StatusCode.Unavailable, code);
    }
}

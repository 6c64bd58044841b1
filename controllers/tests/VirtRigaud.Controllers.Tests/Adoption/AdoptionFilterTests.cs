using VirtRigaud.Controllers.Adoption;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.Tests.Adoption;

public sealed class AdoptionFilterTests
{
    private static VMInfo Vm(string name, string power = "On", int cpu = 2, long memory = 2048) => new() { Id = "vm-" + name, Name = name, PowerState = power, Cpu = cpu, MemoryMib = memory };

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    public void Parse_Empty_MatchesEverything(string? json) => Assert.True(AdoptionFilter.Parse(json).Matches(Vm("anything", "Off", 64, 1)));

    [Theory]
    [InlineData("web-1", "On", 4, 4096, true)]
    [InlineData("db-1", "On", 4, 4096, false)]
    [InlineData("web-2", "off", 4, 4096, false)]
    [InlineData("web-3", "on", 4, 4096, true)]
    [InlineData("web-4", "On", 1, 4096, false)]
    [InlineData("web-5", "On", 16, 4096, false)]
    [InlineData("web-6", "On", 4, 1024, false)]
    [InlineData("web-7", "On", 4, 32768, false)]
    public void Matches_EveryBound(string name, string power, int cpu, long memory, bool expected)
    {
        var filter = AdoptionFilter.Parse("""{"namePattern":"^web-","powerState":"On","minCPU":2,"maxCPU":8,"minMemoryMiB":2048,"maxMemoryMiB":16384}""");

        Assert.Equal(expected, filter.Matches(Vm(name, power, cpu, memory)));
    }

    [Fact]
    public void Matches_ZeroMaxima_NoUpperBound()
    {
        var filter = AdoptionFilter.Parse("""{"minCPU":2,"maxCPU":0,"maxMemoryMiB":0}""");

        Assert.True(filter.Matches(Vm("big", cpu: 128, memory: 1_048_576)));
    }

    [Fact]
    public void Parse_GoNamedGroup_Accepted() => Assert.True(AdoptionFilter.Parse("""{"namePattern":"^(?P<role>web|api)-\\d+$"}""").Matches(Vm("api-12")));

    [Theory]
    [InlineData("""{"minCpu":2}""", "minCpu")]
    [InlineData("""{"namePattern":"(unclosed"}""", "namePattern")]
    [InlineData("""not json""", "not a valid filter")]
    [InlineData("""{"minCPU":"two"}""", "not a valid filter")]
    public void Parse_Invalid_FormatExceptionSaysWhere(string json, string where)
    {
        var error = Assert.Throws<FormatException>(() => AdoptionFilter.Parse(json));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Web_Server.01", "vm-1", "web-server-01")]
    [InlineData("  --db host--  ", "vm-2", "db-host")]
    [InlineData("ünïcode", "vm-3", "ncode")]
    [InlineData("!!!", "vm-4", "vm-vm-4")]
    [InlineData("", "42", "vm-42")]
    public void VmName_UpstreamSanitizing(string name, string id, string expected) => Assert.Equal(expected, AdoptionNaming.VmName(name, id));

    [Fact]
    public void VmName_LongName_CutTo63WithoutTrailingDash()
    {
        var name = AdoptionNaming.VmName(new string('a', 62) + "-b", "x");

        Assert.Equal(new string('a', 62), name);
    }

    [Theory]
    [InlineData(4, 8192, "adopted-4cpu-8192mb")]
    [InlineData(0, 0, "adopted-2cpu-4096mb")]
    public void ClassName_CpuAndMemoryOrDefaults(int cpu, long memory, string expected) => Assert.Equal(expected, AdoptionNaming.ClassName(cpu, memory));
}

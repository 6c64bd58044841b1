namespace VirtRigaud.Provider.Conformance.Tests.Runner;

public sealed class ConformanceCasesTests
{
    /// <summary>The case names issue 6 and the brief require, in their spelling.</summary>
    public static readonly TheoryData<string> RequiredNames = new()
    {
        "validate", "capabilities", "create-idempotent", "describe-missing", "power-cycle", "graceful-shutdown", "reconfigure",
        "snapshot-create-revert-delete", "clone-full", "clone-linked", "image-prepare", "export-import-roundtrip", "list-vms",
        "task-status", "watch-task", "console-stream", "error-codes",
    };

    [Theory]
    [MemberData(nameof(RequiredNames))]
    public void Names_RequiredCase_Present(string name) => Assert.Contains(name, ConformanceCases.Names);

    [Fact]
    public void All_Names_UniqueAndDescribed()
    {
        Assert.Equal(ConformanceCases.Names.Count, ConformanceCases.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ConformanceCases.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Description)));
        Assert.Equal(RequiredNames.Count, ConformanceCases.All.Count);
    }

    [Fact]
    public void All_XunitBase_OneFactPerCase()
    {
        // Every case has a [Fact] in the xunit base class: a case added to the catalog must be added there too.
        var facts = typeof(ProviderConformanceTests).GetMethods()
            .Where(m => m.GetCustomAttributes(typeof(FactAttribute), inherit: true).Length > 0)
            .ToList();
        Assert.Equal(ConformanceCases.All.Count, facts.Count);
    }

    [Theory]
    [InlineData("all", 17)]
    [InlineData(" all ", 17)]
    [InlineData("validate", 1)]
    [InlineData("validate, capabilities,validate", 2)]
    [InlineData("error-codes,validate", 2)]
    public void ParseSelection_ValidList_Names(string selection, int count) =>
        Assert.Equal(count, ConformanceCases.ParseSelection(selection).Count);

    [Fact]
    public void ParseSelection_GivenOrder_Kept() =>
        Assert.Equal(["error-codes", "validate"], ConformanceCases.ParseSelection("error-codes,validate"));

    [Theory]
    [InlineData("", "no case named")]
    [InlineData(" , ", "no case named")]
    [InlineData("validate,nope,nada", "unknown case(s) nope, nada")]
    [InlineData("ALL", "unknown case(s) ALL")]
    public void ParseSelection_Invalid_ArgumentExceptionSaysWhy(string selection, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ConformanceCases.ParseSelection(selection));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownName_ArgumentExceptionListsKnown()
    {
        var error = Assert.Throws<ArgumentException>(() => ConformanceCases.Get("nope"));
        Assert.Contains("validate", error.Message, StringComparison.Ordinal);
    }
}

using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Tests.Validation;

public sealed class ManagedFieldsValidationTests
{
    private static readonly FieldPath Path = FieldPath.NewPath("metadata", "managedFields");

    public static TheoryData<ManagedFieldsEntry, string[]> Entries => new()
    {
        { new ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply", FieldsType = "FieldsV1" }, [] },
        { new ManagedFieldsEntry { Manager = "", Operation = "Update" }, [] },
        { new ManagedFieldsEntry { Manager = "m", Operation = "Update", Subresource = new string('s', 256) }, [] },
        { new ManagedFieldsEntry { Manager = "kubectl", Operation = "Foo" }, ["metadata.managedFields[0].operation: Invalid value: \"Foo\": must be `Apply` or `Update`"] },
        { new ManagedFieldsEntry { Manager = "kubectl" }, ["metadata.managedFields[0].operation: Invalid value: \"\": must be `Apply` or `Update`"] },
        { new ManagedFieldsEntry { Manager = "kubectl", Operation = "apply" }, ["metadata.managedFields[0].operation: Invalid value: \"apply\": must be `Apply` or `Update`"] },
        { new ManagedFieldsEntry { Operation = "Apply", FieldsType = "FieldsV2" }, ["metadata.managedFields[0].fieldsType: Invalid value: \"FieldsV2\": must be `FieldsV1`"] },
        { new ManagedFieldsEntry { Operation = "Apply", Manager = "a\tb" }, ["metadata.managedFields[0].manager: Invalid value: \"a\\tb\": invalid character U+0009 (at position 1)"] },
        { new ManagedFieldsEntry { Operation = "Apply", Manager = new string('m', 129) }, ["metadata.managedFields[0].manager: Too long: may not be more than 128 bytes"] },
        { new ManagedFieldsEntry { Operation = "Update", Subresource = new string('s', 257) }, ["metadata.managedFields[0].subresource: Too long: may not be more than 256 bytes"] },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void ValidateManagedFields_Entry_ReportsKubernetesErrors(ManagedFieldsEntry entry, string[] expected)
    {
        Assert.Equal(expected, ManagedFieldsValidation.ValidateManagedFields([entry], Path).Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateManagedFields_SecondEntry_IsIndexed()
    {
        var errors = ManagedFieldsValidation.ValidateManagedFields(
            [new ManagedFieldsEntry { Operation = "Apply" }, new ManagedFieldsEntry { Operation = "Nope" }], Path);

        Assert.Equal("metadata.managedFields[1].operation", Assert.Single(errors).Field);
    }

    [Fact]
    public void ValidateManagedFields_Null_NoErrors()
    {
        Assert.Empty(ManagedFieldsValidation.ValidateManagedFields(null, Path));
    }

    [Theory]
    [InlineData("kubectl-client-side-apply", new string[0])]
    [InlineData("name with spaces", new string[0])]
    [InlineData("ünïcødé ✓", new string[0])]
    [InlineData("a\nb", new[] { "invalid character U+000A (at position 1)" })]
    [InlineData("é\u0007", new[] { "invalid character U+0007 (at position 2)" })]
    [InlineData("\u00a0x", new[] { "invalid character U+00A0 (at position 0)" })]
    [InlineData("\u0001\u0002", new[] { "invalid character U+0001 (at position 0)", "invalid character U+0002 (at position 1)" })]
    [InlineData("a\u200bb", new[] { "invalid character U+200B (at position 1)" })]
    public void ValidateFieldManager_Characters_MustBePrintable(string manager, string[] expectedDetails)
    {
        var errors = ManagedFieldsValidation.ValidateFieldManager(manager, FieldPath.NewPath("fieldManager"));

        Assert.Equal(expectedDetails, errors.Select(e => e.Detail));
    }

    [Fact]
    public void ValidateFieldManager_Length_IsCountedInBytes()
    {
        Assert.Empty(ManagedFieldsValidation.ValidateFieldManager(new string('m', 128), FieldPath.NewPath("fieldManager")));
        Assert.Equal(FieldErrorType.TooLong, Assert.Single(ManagedFieldsValidation.ValidateFieldManager(new string('é', 65), FieldPath.NewPath("fieldManager"))).Type);
    }
}

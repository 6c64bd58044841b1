using System.Globalization;
using System.Text;

namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// Validation of <c>metadata.managedFields</c> and field manager names, as metav1validation's
/// <c>ValidateManagedFields</c> and <c>ValidateFieldManager</c>.
/// </summary>
public static class ManagedFieldsValidation
{
    /// <summary>Longest field manager name.</summary>
    public const int FieldManagerMaxLength = 128;

    /// <summary>Longest subresource name in an entry.</summary>
    public const int MaxSubresourceNameLength = 256;

    /// <summary>Each entry: operation Apply or Update, fieldsType FieldsV1 (or empty), a valid manager, a short subresource.</summary>
    public static FieldErrorList ValidateManagedFields(IReadOnlyList<ManagedFieldsEntry>? entries, FieldPath path)
    {
        var errors = new FieldErrorList();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entry = entries![i];
            var entryPath = path.Index(i);
            if (entry.Operation is not ("Apply" or "Update"))
            {
                errors.Add(FieldError.Invalid(entryPath.Child("operation"), entry.Operation ?? "", "must be `Apply` or `Update`"));
            }

            if (!string.IsNullOrEmpty(entry.FieldsType) && entry.FieldsType != "FieldsV1")
            {
                errors.Add(FieldError.Invalid(entryPath.Child("fieldsType"), entry.FieldsType, "must be `FieldsV1`"));
            }

            errors.AddRange(ValidateFieldManager(entry.Manager ?? "", entryPath.Child("manager")));
            var subresource = entry.Subresource ?? "";
            if (NameValidation.ByteLength(subresource) > MaxSubresourceNameLength)
            {
                errors.Add(FieldError.TooLong(entryPath.Child("subresource"), subresource, MaxSubresourceNameLength));
            }
        }

        return errors;
    }

    /// <summary>At most 128 bytes, every character printable (positions are UTF-8 byte offsets, as Kubernetes reports).</summary>
    public static FieldErrorList ValidateFieldManager(string fieldManager, FieldPath path)
    {
        var errors = new FieldErrorList();
        if (NameValidation.ByteLength(fieldManager) > FieldManagerMaxLength)
        {
            errors.Add(FieldError.TooLong(path, fieldManager, FieldManagerMaxLength));
        }

        var offset = 0;
        foreach (var rune in fieldManager.EnumerateRunes())
        {
            if (!IsPrint(rune))
            {
                errors.Add(FieldError.Invalid(path, fieldManager, string.Create(CultureInfo.InvariantCulture,
                    $"invalid character U+{rune.Value:X4} (at position {offset})")));
            }

            offset += rune.Utf8SequenceLength;
        }

        return errors;
    }

    /// <summary>Go's <c>unicode.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    private static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }
}

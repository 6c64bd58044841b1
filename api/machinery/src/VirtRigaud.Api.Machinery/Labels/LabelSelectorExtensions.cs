namespace VirtRigaud.Api.Machinery.Labels;

/// <summary>One-call helpers over <see cref="LabelSelector"/> (metav1's LabelSelectorAsSelector and FormatLabelSelector).</summary>
public static class LabelSelectorExtensions
{
    /// <summary><see cref="Selector.FromLabelSelector"/>: <c>null</c> selects nothing, empty selects everything.</summary>
    public static Selector AsSelector(this LabelSelector? labelSelector) => Selector.FromLabelSelector(labelSelector);

    /// <summary>
    /// Whether <paramref name="labels"/> are selected: <c>false</c> for a <c>null</c> selector, <c>true</c> for an
    /// empty one. An invalid selector throws <see cref="SelectorFormatException"/>; validate selectors on admission
    /// (<see cref="Validation.LabelValidation.ValidateLabelSelector"/>) so that stored ones never do.
    /// </summary>
    public static bool Matches(this LabelSelector? labelSelector, IReadOnlyDictionary<string, string>? labels) =>
        Selector.FromLabelSelector(labelSelector).Matches(labels);

    /// <summary>
    /// The selector as kubectl prints it: the canonical string, <c>&lt;none&gt;</c> when that is empty (also for
    /// <c>null</c>) and <c>&lt;error&gt;</c> when the selector is invalid.
    /// </summary>
    public static string Format(this LabelSelector? labelSelector)
    {
        string text;
        try
        {
            text = Selector.FromLabelSelector(labelSelector).ToString();
        }
        catch (SelectorFormatException)
        {
            return "<error>";
        }

        return text.Length == 0 ? "<none>" : text;
    }
}

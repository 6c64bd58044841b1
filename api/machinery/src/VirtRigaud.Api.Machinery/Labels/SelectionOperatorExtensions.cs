using System.Globalization;

namespace VirtRigaud.Api.Machinery.Labels;

/// <summary>Kubernetes' names for <see cref="SelectionOperator"/> values (<c>selection.Operator</c> strings).</summary>
public static class SelectionOperatorExtensions
{
    /// <summary>
    /// Every operator in the order Kubernetes lists them when rejecting an unknown one: binary operators, then unary.
    /// </summary>
    public static IReadOnlyList<SelectionOperator> All { get; } =
    [
        SelectionOperator.In, SelectionOperator.NotIn, SelectionOperator.Equal, SelectionOperator.DoubleEqual,
        SelectionOperator.NotEqual, SelectionOperator.GreaterThan, SelectionOperator.LessThan,
        SelectionOperator.Exists, SelectionOperator.DoesNotExist,
    ];

    /// <summary><c>!</c>, <c>=</c>, <c>==</c>, <c>in</c>, <c>!=</c>, <c>notin</c>, <c>exists</c>, <c>gt</c>, <c>lt</c>.</summary>
    public static string ToSelectionString(this SelectionOperator op) => op switch
    {
        SelectionOperator.DoesNotExist => "!",
        SelectionOperator.Equal => "=",
        SelectionOperator.DoubleEqual => "==",
        SelectionOperator.In => "in",
        SelectionOperator.NotEqual => "!=",
        SelectionOperator.NotIn => "notin",
        SelectionOperator.Exists => "exists",
        SelectionOperator.GreaterThan => "gt",
        SelectionOperator.LessThan => "lt",
        _ => ((int)op).ToString(CultureInfo.InvariantCulture),
    };
}

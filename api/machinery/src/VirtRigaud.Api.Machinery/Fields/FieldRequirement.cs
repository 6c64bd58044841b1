using VirtRigaud.Api.Machinery.Labels;

namespace VirtRigaud.Api.Machinery.Fields;

/// <summary>
/// One term of a <see cref="FieldSelector"/> (fields.Requirement): a field path such as <c>metadata.name</c>, an
/// operator (<see cref="SelectionOperator.Equal"/> for both <c>=</c> and <c>==</c>, or
/// <see cref="SelectionOperator.NotEqual"/>) and the unescaped value. API servers walk these to reject fields they
/// cannot select on.
/// </summary>
public sealed record FieldRequirement(string Field, SelectionOperator Operator, string Value);

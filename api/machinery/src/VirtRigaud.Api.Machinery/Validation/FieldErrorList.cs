namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// Every problem found in one object. Validators append to it and keep going, so the user sees all mistakes at once;
/// the HTTP edge turns a non-empty list into one <c>Invalid</c> Status (<see cref="StatusException.Invalid"/>).
/// </summary>
public sealed class FieldErrorList : List<FieldError>
{
    public FieldErrorList()
    {
    }

    public FieldErrorList(IEnumerable<FieldError> errors)
        : base(errors)
    {
    }

    /// <summary>Errors of the given types only.</summary>
    public FieldErrorList Filter(params FieldErrorType[] types) => new(this.Where(e => types.Contains(e.Type)));

    /// <summary>The aggregate text Kubernetes prints: one error as is, several as <c>[a, b]</c>.</summary>
    public override string ToString()
    {
        // Kubernetes' aggregate removes duplicate messages while keeping their order.
        var messages = this.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).ToList();
        return messages.Count switch
        {
            0 => "",
            1 => messages[0],
            _ => "[" + string.Join(", ", messages) + "]",
        };
    }
}

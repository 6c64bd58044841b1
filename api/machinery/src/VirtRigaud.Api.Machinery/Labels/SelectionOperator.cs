namespace VirtRigaud.Api.Machinery.Labels;

/// <summary>
/// The operators of selector requirements, as k8s.io/apimachinery/pkg/selection. Label selectors use all of them;
/// field selectors only <see cref="Equal"/>, <see cref="DoubleEqual"/> and <see cref="NotEqual"/>.
/// <see cref="SelectionOperatorExtensions.ToSelectionString"/> gives Kubernetes' string for each.
/// </summary>
public enum SelectionOperator
{
    /// <summary><c>!key</c>: the label is absent.</summary>
    DoesNotExist,

    /// <summary><c>key=value</c>.</summary>
    Equal,

    /// <summary><c>key==value</c>, the same as <see cref="Equal"/> but printed back as written.</summary>
    DoubleEqual,

    /// <summary><c>key in (a,b)</c>.</summary>
    In,

    /// <summary><c>key!=value</c>: absent or different.</summary>
    NotEqual,

    /// <summary><c>key notin (a,b)</c>: absent or none of the values.</summary>
    NotIn,

    /// <summary><c>key</c>: the label is present.</summary>
    Exists,

    /// <summary><c>key&gt;n</c>: present, an integer, and greater than n.</summary>
    GreaterThan,

    /// <summary><c>key&lt;n</c>: present, an integer, and less than n.</summary>
    LessThan,
}

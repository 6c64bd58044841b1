namespace VirtRigaud.Api.Machinery.Schema;

/// <summary>
/// What a string-or-number schema node carries beyond its OpenAPI type. The published OpenAPI shows only the type (as
/// Kubernetes does for metav1.Duration and resource.Quantity), but validation checks the value parses.
/// </summary>
public enum SchemaValueKind
{
    /// <summary>No extra meaning.</summary>
    Plain,

    /// <summary>A Go duration string (metav1.Duration).</summary>
    Duration,

    /// <summary>A resource.Quantity (int-or-string with the quantity pattern).</summary>
    Quantity,

    /// <summary>An RFC 3339 date-time (metav1.Time).</summary>
    DateTime,

    /// <summary>An embedded ObjectMeta.</summary>
    ObjectMeta,
}

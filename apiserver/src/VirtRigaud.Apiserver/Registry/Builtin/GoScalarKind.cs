namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>The scalar Go types built-in Kubernetes types use in JSON.</summary>
internal enum GoScalarKind
{
    /// <summary><c>string</c> (and string-based enums such as <c>SecretType</c>).</summary>
    String,

    /// <summary><c>bool</c>.</summary>
    Bool,

    /// <summary><c>int32</c>.</summary>
    Int32,

    /// <summary><c>int64</c>.</summary>
    Int64,

    /// <summary><c>[]byte</c>: standard base64 in JSON.</summary>
    Bytes,

    /// <summary><c>metav1.Time</c>: RFC 3339, seconds precision, UTC; zero is <c>null</c>.</summary>
    Time,

    /// <summary><c>metav1.MicroTime</c>: RFC 3339 with exactly six fractional digits; zero is <c>null</c>.</summary>
    MicroTime,
}

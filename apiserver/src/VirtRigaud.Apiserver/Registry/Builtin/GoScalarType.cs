namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>A scalar Go type (<see cref="GoScalarKind"/>). Use the shared instances.</summary>
internal sealed class GoScalarType : GoType
{
    private GoScalarType(GoScalarKind kind, string goName)
    {
        Kind = kind;
        GoName = goName;
    }

    public static GoScalarType String { get; } = new(GoScalarKind.String, "string");

    public static GoScalarType Bool { get; } = new(GoScalarKind.Bool, "bool");

    public static GoScalarType Int32 { get; } = new(GoScalarKind.Int32, "int32");

    public static GoScalarType Int64 { get; } = new(GoScalarKind.Int64, "int64");

    public static GoScalarType Bytes { get; } = new(GoScalarKind.Bytes, "[]uint8");

    public static GoScalarType Time { get; } = new(GoScalarKind.Time, "v1.Time");

    public static GoScalarType MicroTime { get; } = new(GoScalarKind.MicroTime, "v1.MicroTime");

    public GoScalarKind Kind { get; }

    /// <inheritdoc />
    public override string GoName { get; }

    /// <summary>Whether the type is a struct in Go (time types): never omitted by <c>omitempty</c>, zero written as <c>null</c>.</summary>
    public bool IsTime => Kind is GoScalarKind.Time or GoScalarKind.MicroTime;
}

namespace VirtRigaud.Grpc;

/// <summary>The outcome of a call: a code and a human-readable detail (sent as <c>grpc-message</c>).</summary>
public readonly record struct Status(StatusCode Code, string Detail)
{
    public static readonly Status DefaultSuccess = new(StatusCode.OK, "");

    public static readonly Status DefaultCancelled = new(StatusCode.Cancelled, "");

    public override string ToString() => Detail.Length == 0 ? $"Status(StatusCode=\"{Code}\")" : $"Status(StatusCode=\"{Code}\", Detail=\"{Detail}\")";
}

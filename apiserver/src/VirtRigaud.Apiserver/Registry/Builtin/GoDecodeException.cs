namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// A request body Go's decoder would refuse (a value of the wrong type, bad base64, an unparsable time), with Go's
/// message. The strategy turns it into kube-apiserver's 400: <c>Secret in version "v1" cannot be handled as a Secret: …</c>.
/// </summary>
internal sealed class GoDecodeException : Exception
{
    public GoDecodeException(string message)
        : base(message)
    {
    }

    public GoDecodeException()
    {
    }

    public GoDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>
/// A WebSocket subprotocol the console speaks. The <c>*.channel.k8s.io</c> ones are the framings of Kubernetes'
/// exec/attach streams (k8s.io/apiserver wsstream), so client-go's WebSocket executor and tools written for
/// <c>kubectl exec</c> streams drive the console unchanged; <see cref="Plain"/> is for browsers and websocat.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>subprotocol</term><description>framing / error channel / close signal</description></listheader>
/// <item><term><c>v5.channel.k8s.io</c></term><description>binary, byte 0 = stream / a metav1 Status / stream 255 half-closes stdin</description></item>
/// <item><term><c>v4.channel.k8s.io</c></term><description>binary / a metav1 Status / none</description></item>
/// <item><term><c>v4.base64.channel.k8s.io</c></term><description>text, digit + base64 / a metav1 Status / none</description></item>
/// <item><term><c>channel.k8s.io</c></term><description>binary / the error text / none</description></item>
/// <item><term><c>base64.channel.k8s.io</c></term><description>text, digit + base64 / the error text / none</description></item>
/// <item><term><c>plain.virtrigaud.io</c> or none</term><description>raw bytes both ways / none / none (no resize)</description></item>
/// </list>
/// Streams: 0 stdin (client → server), 1 stdout, 2 stderr, 3 error (server → client), 4 resize (client → server,
/// <c>{"Width":cols,"Height":rows}</c>), 255 close (v5: the next byte names the stream to close).
/// </remarks>
public sealed record ConsoleSubprotocol
{
    private ConsoleSubprotocol(string name, ConsoleFraming framing, bool statusErrors, bool closeSignal)
    {
        Name = name;
        Framing = framing;
        StatusErrors = statusErrors;
        CloseSignal = closeSignal;
    }

    /// <summary>Raw console bytes both ways, for browsers and websocat; also what a client that asks for no subprotocol gets.</summary>
    public static ConsoleSubprotocol Plain { get; } = new("plain.virtrigaud.io", ConsoleFraming.Plain, statusErrors: false, closeSignal: false);

    /// <summary>Kubernetes' current exec/attach protocol: v4 plus the close signal.</summary>
    public static ConsoleSubprotocol V5Channel { get; } = new("v5.channel.k8s.io", ConsoleFraming.Channel, statusErrors: true, closeSignal: true);

    /// <summary>Binary channels with a metav1 Status on the error stream.</summary>
    public static ConsoleSubprotocol V4Channel { get; } = new("v4.channel.k8s.io", ConsoleFraming.Channel, statusErrors: true, closeSignal: false);

    /// <summary>Base64 text channels with a metav1 Status on the error stream.</summary>
    public static ConsoleSubprotocol V4Base64Channel { get; } = new("v4.base64.channel.k8s.io", ConsoleFraming.Base64Channel, statusErrors: true, closeSignal: false);

    /// <summary>The original binary channels; the error stream carries plain text.</summary>
    public static ConsoleSubprotocol Channel { get; } = new("channel.k8s.io", ConsoleFraming.Channel, statusErrors: false, closeSignal: false);

    /// <summary>The original base64 text channels; the error stream carries plain text.</summary>
    public static ConsoleSubprotocol Base64Channel { get; } = new("base64.channel.k8s.io", ConsoleFraming.Base64Channel, statusErrors: false, closeSignal: false);

    /// <summary>Every subprotocol offered, newest Kubernetes one first (the order in error messages).</summary>
    public static IReadOnlyList<ConsoleSubprotocol> All { get; } = [V5Channel, V4Channel, V4Base64Channel, Channel, Base64Channel, Plain];

    /// <summary>The name sent in <c>Sec-WebSocket-Protocol</c>.</summary>
    public string Name { get; }

    /// <summary>How bytes travel in messages.</summary>
    public ConsoleFraming Framing { get; }

    /// <summary>Whether the error stream carries a JSON metav1 Status (v4+) rather than plain text.</summary>
    public bool StatusErrors { get; }

    /// <summary>Whether the client may half-close stdin with a message on stream 255 (v5).</summary>
    public bool CloseSignal { get; }

    /// <summary>
    /// Chooses the subprotocol for the client's <c>Sec-WebSocket-Protocol</c> offers, in the client's order of preference
    /// as kube-apiserver does: the first offer the console speaks. No offer at all means <see cref="Plain"/> (answered
    /// without a subprotocol header, as the client expects). Null when the client offered only subprotocols the console
    /// does not speak (the caller answers 400). Pure.
    /// </summary>
    public static ConsoleSubprotocol? Negotiate(IEnumerable<string> offered, out bool echoName)
    {
        var any = false;
        foreach (var offer in offered)
        {
            any = true;
            if (All.FirstOrDefault(p => string.Equals(p.Name, offer, StringComparison.Ordinal)) is { } protocol)
            {
                echoName = true;
                return protocol;
            }
        }

        echoName = false;
        return any ? null : Plain;
    }
}

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>How a subprotocol puts console bytes into WebSocket messages.</summary>
public enum ConsoleFraming
{
    /// <summary>Every message is console bytes, nothing else (<c>plain.virtrigaud.io</c>, or no subprotocol).</summary>
    Plain,

    /// <summary>Binary messages whose first byte is the stream id (Kubernetes' <c>channel.k8s.io</c> family).</summary>
    Channel,

    /// <summary>Text messages whose first character is the stream id digit, the rest base64 (<c>base64.channel.k8s.io</c> family).</summary>
    Base64Channel,
}

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>What a message from the console's client asks for.</summary>
public enum ConsoleClientInputKind
{
    /// <summary>Bytes typed into the console (stream 0, or any message in the plain subprotocol).</summary>
    Data,

    /// <summary>A terminal size (stream 4).</summary>
    Resize,

    /// <summary>End of input (v5 close signal for stream 0): the provider session is half-closed.</summary>
    CloseInput,

    /// <summary>Nothing to do: an empty message, or a stream the client may not write (kube-apiserver ignores those too).</summary>
    Ignore,

    /// <summary>A message that breaks the subprotocol (bad base64, bad resize JSON): the session is closed with 1007.</summary>
    Invalid,
}

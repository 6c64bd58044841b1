namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>Log messages of console streaming, with stable event ids (600–619). Never logs console bytes.</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Console of VirtualMachine {Namespace}/{Name} opened on provider {Provider} for {User} ({Subprotocol})")]
    public static partial void Opened(ILogger logger, string @namespace, string name, string provider, string user, string subprotocol);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Console of VirtualMachine {Namespace}/{Name} closed: {CloseStatus} {Reason}")]
    public static partial void Closed(ILogger logger, string @namespace, string name, System.Net.WebSockets.WebSocketCloseStatus closeStatus, string reason);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Console of VirtualMachine {Namespace}/{Name} ended: the client went away")]
    public static partial void ClientGone(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Console of VirtualMachine {Namespace}/{Name} refused by provider {Provider}: {Code} {Detail}")]
    public static partial void ProviderRefused(ILogger logger, string @namespace, string name, string provider, string code, string detail);

    [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "Not verifying the certificate of provider {Provider} (spec.runtime.service.tls.insecureSkipVerify)")]
    public static partial void InsecureSkipVerify(ILogger logger, string provider);

    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "Console of VirtualMachine {Namespace}/{Name} stopped following the machine; the session goes on")]
    public static partial void FollowFailed(ILogger logger, Exception exception, string @namespace, string name);

    [LoggerMessage(EventId = 605, Level = LogLevel.Information, Message = "Loaded the provider client TLS material from {Directory}")]
    public static partial void ClientMaterialLoaded(ILogger logger, string directory);

    [LoggerMessage(EventId = 607, Level = LogLevel.Information, Message = "No provider client TLS material in {Directory} yet; it is loaded when a console first needs it")]
    public static partial void ClientMaterialPending(ILogger logger, string directory);
}

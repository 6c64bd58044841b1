using System.Net.WebSockets;
using System.Text;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>
/// How a console session ends, as the client is told: a close frame (<see cref="CloseStatus"/>, <see cref="Reason"/>)
/// and, for channel subprotocols, an error-stream message carrying <see cref="Status"/> first. Immutable.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>cause</term><description>close code / Status</description></listheader>
/// <item><term>the client closed (close frame, or v5 close of stdin answered by the provider)</term><description>1000 / Success</description></item>
/// <item><term>the provider closed: VM stopped, session replaced</term><description>1000 / Failure VMStopped, SessionReplaced</description></item>
/// <item><term>the provider shuts down</term><description>1001 / Failure ProviderShutdown</description></item>
/// <item><term>the provider's stream failed</term><description>1011 / Failure InternalError</description></item>
/// <item><term>the VirtualMachine was deleted</term><description>1000 / Failure VMDeleted</description></item>
/// <item><term>the API server shuts down</term><description>1001 / Failure ServiceUnavailable</description></item>
/// <item><term>a message broke the subprotocol, or was too large</term><description>1007, 1009 / none</description></item>
/// </list>
/// </remarks>
public sealed record ConsoleEnd
{
    /// <summary>The longest close reason a close frame can carry (125 bytes of payload minus the 2-byte code).</summary>
    public const int MaxReasonBytes = 123;

    /// <summary>The close frame's code.</summary>
    public required WebSocketCloseStatus CloseStatus { get; init; }

    /// <summary>The close frame's reason, at most <see cref="MaxReasonBytes"/> bytes of UTF-8.</summary>
    public required string Reason { get; init; }

    /// <summary>What the error stream reports (channel subprotocols); null to send nothing there.</summary>
    public Status? Status { get; init; }

    /// <summary>The provider ended the session (its <c>closed</c> message).</summary>
    public static ConsoleEnd ProviderClosed(ConsoleCloseReason reason, string message)
    {
        var detail = message.Length > 0 ? message : reason.ToString();
        return reason switch
        {
            ConsoleCloseReason.VmStopped => Failed(WebSocketCloseStatus.NormalClosure, "VMStopped", $"console closed: the virtual machine stopped ({detail})"),
            ConsoleCloseReason.SessionReplaced => Failed(WebSocketCloseStatus.NormalClosure, "SessionReplaced", $"console closed: another session took over ({detail})"),
            ConsoleCloseReason.ProviderShutdown => Failed(WebSocketCloseStatus.EndpointUnavailable, "ProviderShutdown", $"console closed: the provider is shutting down ({detail})"),
            _ => Succeeded("console closed"),
        };
    }

    /// <summary>The provider's stream failed with <paramref name="code"/>.</summary>
    public static ConsoleEnd ProviderFailed(string code, string detail) =>
        Failed(WebSocketCloseStatus.InternalServerError, StatusReasons.InternalError, $"the provider's console stream failed: {code}: {detail}");

    /// <summary>The session ended normally at the client's request.</summary>
    public static ConsoleEnd Succeeded(string reason) => new()
    {
        CloseStatus = WebSocketCloseStatus.NormalClosure,
        Reason = Truncate(reason),
        Status = new Status { StatusValue = Status.Success, Message = reason },
    };

    /// <summary>The session ended as <paramref name="message"/> says, reported with a Failure Status whose reason is <paramref name="statusReason"/>.</summary>
    public static ConsoleEnd Failed(WebSocketCloseStatus closeStatus, string statusReason, string message) => new()
    {
        CloseStatus = closeStatus,
        Reason = Truncate(message),
        Status = new Status { StatusValue = Status.Failure, Reason = statusReason, Message = message },
    };

    /// <summary>The client broke the protocol; only a close frame is sent.</summary>
    public static ConsoleEnd Refused(WebSocketCloseStatus closeStatus, string reason) => new() { CloseStatus = closeStatus, Reason = Truncate(reason) };

    /// <summary>Cuts <paramref name="reason"/> to what a close frame carries, at a character boundary.</summary>
    public static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxReasonBytes)
        {
            return reason;
        }

        var length = reason.Length;
        while (length > 0 && Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > MaxReasonBytes - 3)
        {
            length--;
        }

        if (length > 0 && char.IsHighSurrogate(reason[length - 1]))
        {
            length--;
        }

        return string.Concat(reason.AsSpan(0, length), "...");
    }
}

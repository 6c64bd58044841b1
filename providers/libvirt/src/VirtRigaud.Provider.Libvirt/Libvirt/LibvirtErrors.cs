using VirtRigaud.Grpc;
using VirtRigaud.Provider.Libvirt.Transport;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>
/// Turns a failed virsh/qemu-img run into a <see cref="ProviderException"/> with a precise status code and libvirt's
/// own message. virsh prints no error code, only <c>error: &lt;message&gt;</c>; but every libvirt message starts with
/// the fixed text of its error code (virerror.c, e.g. VIR_ERR_NO_DOMAIN → "Domain not found:"), and commands run with
/// <c>LC_ALL=C</c>, so the prefix identifies the code:
/// <code>
/// libvirt error code (message prefix)                                   status
/// VIR_ERR_NO_DOMAIN / NO_STORAGE_VOL / NO_STORAGE_POOL / NO_NETWORK /
///   NO_DOMAIN_SNAPSHOT ("… not found")                                   NOT_FOUND
/// VIR_ERR_XML_ERROR / XML_DETAIL / XML_INVALID_SCHEMA / INVALID_ARG /
///   CONFIG_UNSUPPORTED ("XML error", "invalid argument", …)             INVALID_ARGUMENT
/// VIR_ERR_OPERATION_INVALID ("Requested operation is not valid")        FAILED_PRECONDITION
/// VIR_ERR_OPERATION_UNSUPPORTED / NO_SUPPORT                            UNIMPLEMENTED
/// VIR_ERR_SYSTEM_ERROR on connect, RPC failures, no connection          UNAVAILABLE
/// anything else                                                         INTERNAL (message kept)
/// ssh could not connect (refused, reset, timeout)                       UNAVAILABLE
/// ssh host key verification failed                                     FAILED_PRECONDITION (fix known_hosts)
/// ssh authentication failed                                             PERMISSION_DENIED
/// </code>
/// Pure functions; thread-safe.
/// </summary>
internal static class LibvirtErrors
{
    private static readonly string[] NotFound =
    [
        "Domain not found", "no domain with matching", "Storage volume not found", "no storage vol with matching", "Storage pool not found",
        "no storage pool with matching", "Network not found", "no network with matching", "Domain snapshot not found", "no domain snapshot with matching",
        // virsh's own wording when a name lookup fails (vshCommandOptDomain and friends).
        "failed to get domain", "failed to get snapshot", "failed to get pool", "failed to get vol",
    ];

    private static readonly string[] Invalid =
    [
        "XML error", "XML document failed to validate", "invalid argument", "unsupported configuration", "Invalid value", "failed to parse", "malformed",
        "Expected", "Unable to parse", "Failed to define domain", "(domain_definition)",
    ];

    private static readonly string[] Unavailable =
    [
        "Failed to connect socket", "failed to connect to the hypervisor", "Cannot recv data", "Cannot write data", "unable to connect", "End of file while reading data",
        "no connection driver available", "Connection refused", "Connection reset", "client socket is closed",
    ];

    private static readonly string[] Precondition = ["Requested operation is not valid", "already exists", "is already active", "domain is not running", "is not active"];

    private static readonly string[] Unsupported = ["Operation not supported", "this function is not supported", "unsupported flags"];

    /// <summary>The message libvirt printed (the <c>error: </c> lines, joined), or the whole error output.</summary>
    public static string MessageOf(CommandResult result)
    {
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("error: ", StringComparison.Ordinal))
            .Select(l => l["error: ".Length..])
            .ToList();
        var message = lines.Count > 0 ? string.Join("; ", lines) : (result.StandardError + result.StandardOutput).Trim();
        return message.Length > 0 ? message : $"exit code {result.ExitCode}";
    }

    /// <summary>The status code for a failed virsh run.</summary>
    public static StatusCode CodeOf(CommandResult result)
    {
        var message = MessageOf(result);
        return Matches(message, NotFound) ? StatusCode.NotFound
            : Matches(message, Unavailable) ? StatusCode.Unavailable
            : Matches(message, Invalid) ? StatusCode.InvalidArgument
            : Matches(message, Unsupported) ? StatusCode.Unimplemented
            : Matches(message, Precondition) ? StatusCode.FailedPrecondition
            : StatusCode.Internal;
    }

    /// <summary>The exception for a failed run of <paramref name="operation"/>.</summary>
    public static ProviderException FromResult(string operation, CommandResult result) =>
        new(CodeOf(result), $"{operation}: {MessageOf(result)}");

    /// <summary>The exception for an ssh transport failure.</summary>
    public static ProviderException FromTransport(SshTransportException e) => e.Failure switch
    {
        SshFailure.Unreachable => ProviderErrors.Unavailable($"libvirt host unreachable over ssh: {e.Message}", e),
        SshFailure.HostKeyVerification => ProviderErrors.FailedPrecondition(
            $"ssh host key verification failed: {e.Message}; put the host's key into the credentials Secret's known_hosts (ssh-keyscan -H <host>)", e),
        SshFailure.Authentication => ProviderErrors.PermissionDenied($"ssh authentication failed: {e.Message}", e),
        _ => ProviderErrors.Unavailable($"ssh failed: {e.Message}", e),
    };

    private static bool Matches(string message, string[] needles) => needles.Any(n => message.Contains(n, StringComparison.OrdinalIgnoreCase));
}

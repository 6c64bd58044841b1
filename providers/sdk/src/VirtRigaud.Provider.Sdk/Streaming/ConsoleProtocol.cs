using VirtRigaud.Grpc;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Streaming;

/// <summary>
/// The ConsoleStream rules every provider shares (provider.proto): the first client message must carry
/// <c>open</c> with a VM id and a console kind; a later <c>open</c> is an error. Stateless; thread-safe.
/// <code>
/// var open = await ConsoleProtocol.ReadOpenAsync(requests, context.CancellationToken);
/// </code>
/// </summary>
public static class ConsoleProtocol
{
    /// <summary>Reads and checks the first message of a console session.</summary>
    /// <returns>The open request; its kind is <see cref="ConsoleKind.Serial"/>, the only kind defined.</returns>
    /// <exception cref="ProviderException">
    /// INVALID_ARGUMENT (no first message, not open, empty vm_id, kind unspecified); UNIMPLEMENTED (a kind this
    /// contract version does not define).
    /// </exception>
    public static async Task<ConsoleOpen> ReadOpenAsync(IAsyncStreamReader<ConsoleInput> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (!await requests.MoveNext(cancellationToken).ConfigureAwait(false) || requests.Current.InputCase != ConsoleInput.InputOneofCase.Open)
        {
            throw ProviderErrors.InvalidArgument("the first console message must carry open");
        }

        var open = requests.Current.Open;
        if (string.IsNullOrEmpty(open.VmId))
        {
            throw ProviderErrors.InvalidArgument("open.vm_id is required");
        }

        if (open.Kind != ConsoleKind.Serial)
        {
            throw open.Kind == ConsoleKind.Unspecified
                ? ProviderErrors.InvalidArgument("open.kind is required")
                : ProviderErrors.Unimplemented($"console kind {open.Kind}");
        }

        return open;
    }

    /// <summary>The error for a second <c>open</c> (or any message that is neither data nor resize) after the first.</summary>
    public static ProviderException UnexpectedInput() => ProviderErrors.InvalidArgument("only the first console message may carry open");
}

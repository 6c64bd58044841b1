using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>
/// Builds a cloud-init NoCloud seed ISO (volume id <c>cidata</c> with <c>user-data</c>, <c>meta-data</c> and optionally
/// <c>network-config</c>) on the hypervisor host, with whichever tool exists there: genisoimage, xorriso
/// (<c>-as mkisofs</c>) or cloud-localds. The files go to a scratch folder next to the ISO through standard input.
/// </summary>
internal sealed class SeedIsoBuilder(VirshClient virsh, HostFiles files)
{
    // A constant script: prints the first tool that exists. No request data is part of it.
    private const string DetectScript = "for t in genisoimage xorriso cloud-localds mkisofs; do command -v \"$t\" >/dev/null 2>&1 && { echo \"$t\"; exit 0; }; done; exit 1";

    /// <summary>Writes the ISO to <paramref name="isoPath"/>.</summary>
    /// <exception cref="ProviderException">FAILED_PRECONDITION when no ISO tool is installed on the host.</exception>
    public async Task BuildAsync(string isoPath, ReadOnlyMemory<byte> userData, ReadOnlyMemory<byte> metaData, ReadOnlyMemory<byte>? networkConfig, CancellationToken cancellationToken)
    {
        var detect = await virsh.Runner.RunAsync(["sh", "-c", DetectScript], null, cancellationToken).ConfigureAwait(false);
        var tool = detect.Succeeded ? detect.StandardOutput.Trim() : string.Empty;
        if (tool.Length == 0)
        {
            throw ProviderErrors.FailedPrecondition("no ISO tool on the libvirt host for the cloud-init seed: install genisoimage, xorriso or cloud-image-utils (cloud-localds)");
        }

        var scratch = isoPath + ".d";
        await files.MakeDirectoryAsync(scratch, cancellationToken).ConfigureAwait(false);
        try
        {
            var user = scratch + "/user-data";
            var meta = scratch + "/meta-data";
            var network = scratch + "/network-config";
            await files.WriteAsync(user, userData, cancellationToken).ConfigureAwait(false);
            await files.WriteAsync(meta, metaData, cancellationToken).ConfigureAwait(false);
            if (networkConfig is { } config)
            {
                await files.WriteAsync(network, config, cancellationToken).ConfigureAwait(false);
            }

            List<string> command = tool switch
            {
                "cloud-localds" => networkConfig is null
                    ? ["cloud-localds", isoPath, user, meta]
                    : ["cloud-localds", "--network-config=" + network, isoPath, user, meta],
                "xorriso" => ["xorriso", "-as", "mkisofs", "-quiet", "-output", isoPath, "-volid", "cidata", "-joliet", "-rock", user, meta],
                _ => [tool, "-quiet", "-output", isoPath, "-volid", "cidata", "-joliet", "-rock", user, meta],
            };
            if (networkConfig is not null && tool != "cloud-localds")
            {
                command.Add(network);
            }

            await virsh.RunToolAsync(command, cancellationToken).ConfigureAwait(false);
            // user-data may carry secrets: owner only. libvirt (dynamic_ownership) hands the file to qemu when the domain starts.
            await virsh.RunToolAsync(["chmod", "0600", "--", isoPath], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await files.RemoveAsync([scratch], CancellationToken.None).ConfigureAwait(false);
        }
    }
}

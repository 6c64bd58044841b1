using System.Text.RegularExpressions;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Provider.Libvirt.Hosting;
using VirtRigaud.Provider.Libvirt.Libvirt;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Libvirt.Service;

/// <summary>
/// ImagePrepare on the host: the VMImage's libvirt or http source is downloaded (<c>curl</c>) or read from a host path,
/// its checksum verified (md5/sha1/sha256/sha512 with the coreutils tools, default sha256) unless
/// <c>prepare.validateChecksum</c> is false, and converted with <c>qemu-img convert</c> to qcow2 at
/// <c>&lt;LIBVIRT_IMAGE_DIR&gt;/prepared/&lt;target&gt;.qcow2</c>. The result appears under its final name only when
/// complete (written as <c>.part</c>, then renamed), so an existing file means a finished preparation: a repeat
/// returns it without work. A checksum mismatch is FAILED_PRECONDITION and leaves nothing behind.
/// </summary>
internal sealed partial class ImagePreparer(VirshClient virsh, LibvirtProviderSettings settings)
{
    /// <summary>Where <paramref name="target"/> is prepared when no storage pool is named.</summary>
    public static string PreparedPath(LibvirtProviderSettings settings, string target) => $"{settings.ImageDirectory}/prepared/{target}.qcow2";

    /// <summary>
    /// Prepares the image and returns its path on the host: <c>&lt;LIBVIRT_IMAGE_DIR&gt;/prepared/&lt;target&gt;.qcow2</c>,
    /// or <c>&lt;pool path&gt;/&lt;target&gt;.qcow2</c> when <c>prepare.storage.libvirt.storagePool</c> (else
    /// <c>source.libvirt.storagePool</c>) names a directory-backed pool (dir, fs, netfs), which is then refreshed so the
    /// image is one of its volumes. <c>preallocation</c> (or <c>allocationPolicy</c> eager = full, lazy = off) is
    /// qemu-img's preallocation of the converted image.
    /// </summary>
    public async Task<string> PrepareAsync(VMImageSpec spec, string target, CancellationToken cancellationToken)
    {
        var storage = spec.Prepare?.Storage?.Libvirt;
        var pool = NonEmpty(storage?.StoragePool) ?? NonEmpty(spec.Source.Libvirt?.StoragePool);
        var directory = pool is null ? $"{settings.ImageDirectory}/prepared" : await StoragePools.DirectoryAsync(virsh, pool, cancellationToken).ConfigureAwait(false);
        var destination = $"{directory}/{target}.qcow2";
        var files = new HostFiles(virsh);
        if (await files.ExistsAsync(destination, cancellationToken).ConfigureAwait(false))
        {
            return destination;
        }

        var (url, path, format, checksum, checksumType, headers) = Source(spec);
        var verify = spec.Prepare?.ValidateChecksum != false && !string.IsNullOrEmpty(checksum);
        var preallocation = NonEmpty(storage?.Preallocation) ?? storage?.AllocationPolicy switch
        {
            "eager" => "full",
            "lazy" => "off",
            _ => null,
        };
        await files.MakeDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);
        var download = destination + ".download";
        var part = destination + ".part";
        try
        {
            var input = path;
            if (url is not null)
            {
                var curl = new List<string> { "curl", "--fail", "--silent", "--show-error", "--location", "--retry", "3", "--output", download };
                foreach (var (name, value) in headers)
                {
                    curl.AddRange(["--header", $"{name}: {value}"]);
                }

                curl.AddRange(["--", url]);
                await RunAsync(curl, $"download of {url}", cancellationToken).ConfigureAwait(false);
                input = download;
            }
            else if (!await files.ExistsAsync(path!, cancellationToken).ConfigureAwait(false))
            {
                throw ProviderErrors.FailedPrecondition($"image path {path} does not exist on the libvirt host");
            }

            if (verify)
            {
                var tool = checksumType switch
                {
                    ChecksumType.Md5 => "md5sum",
                    ChecksumType.Sha1 => "sha1sum",
                    ChecksumType.Sha512 => "sha512sum",
                    _ => "sha256sum",
                };
                var output = await virsh.RunToolAsync([tool, "--", input!], cancellationToken).ConfigureAwait(false);
                var actual = output.Split(' ', 2)[0].Trim().ToLowerInvariant();
                if (!string.Equals(actual, checksum!.Trim().ToLowerInvariant(), StringComparison.Ordinal))
                {
                    throw ProviderErrors.FailedPrecondition($"image checksum mismatch ({tool}): expected {checksum.Trim().ToLowerInvariant()}, got {actual}");
                }
            }

            List<string> convert = ["qemu-img", "convert", "-q"];
            if (format is not null)
            {
                convert.AddRange(["-f", format]);
            }

            convert.AddRange(["-O", "qcow2"]);
            if (preallocation is not null)
            {
                convert.AddRange(["-o", "preallocation=" + preallocation]);
            }

            convert.AddRange([input!, part]);
            await virsh.RunToolAsync(convert, cancellationToken).ConfigureAwait(false);
            await virsh.RunToolAsync(["mv", "-f", "--", part, destination], cancellationToken).ConfigureAwait(false);
            if (pool is not null)
            {
                await StoragePools.RefreshAsync(virsh, pool, cancellationToken).ConfigureAwait(false);
            }

            return destination;
        }
        finally
        {
            await files.RemoveAsync([download, part], CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private async Task RunAsync(IReadOnlyList<string> command, string what, CancellationToken cancellationToken)
    {
        var result = await virsh.Runner.RunAsync(command, null, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            // curl: 6/7/28/35 are name, connect, timeout, TLS failures (transient); 22 is an HTTP error status.
            var message = $"{what} failed (curl exit {result.ExitCode}): {result.StandardError.Trim()}";
            throw result.ExitCode is 6 or 7 or 28 or 35 or 56 ? ProviderErrors.Unavailable(message) : ProviderErrors.FailedPrecondition(message);
        }
    }

    private static (string? Url, string? Path, string? Format, string? Checksum, ChecksumType? Type, IReadOnlyDictionary<string, string> Headers) Source(VMImageSpec spec)
    {
        var empty = new Dictionary<string, string>();
        if (spec.Source.Libvirt is { } libvirt)
        {
            var format = libvirt.Format is { } f ? Format(f) : null;
            if (!string.IsNullOrEmpty(libvirt.Url))
            {
                return (Url(libvirt.Url), null, format, libvirt.Checksum, libvirt.ChecksumType, empty);
            }

            if (!string.IsNullOrEmpty(libvirt.Path))
            {
                return libvirt.Path.StartsWith('/')
                    ? (null, libvirt.Path, format, libvirt.Checksum, libvirt.ChecksumType, empty)
                    : throw ProviderErrors.InvalidArgument($"source.libvirt.path \"{libvirt.Path}\" must be absolute");
            }

            throw ProviderErrors.InvalidArgument("source.libvirt needs a url or a path");
        }

        if (spec.Source.Http is { } http)
        {
            if (http.Authentication is not null)
            {
                throw ProviderErrors.InvalidArgument("source.http.authentication is not supported by the libvirt provider (the manager does not pass the Secret)");
            }

            foreach (var (name, value) in http.Headers ?? empty)
            {
                if (!HeaderName().IsMatch(name) || value.Any(char.IsControl))
                {
                    throw ProviderErrors.InvalidArgument($"source.http.headers[{name}] is not a valid HTTP header");
                }
            }

            return (Url(http.Url), null, null, http.Checksum, http.ChecksumType, http.Headers ?? empty);
        }

        throw ProviderErrors.InvalidArgument("the libvirt provider prepares images from source.libvirt (url or path) or source.http");
    }

    private static string Url(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ftp"
            ? url
            : throw ProviderErrors.InvalidArgument($"image URL \"{url}\" must be http, https or ftp");

    private static string Format(ImageFormat format) => format switch
    {
        ImageFormat.Qcow2 => "qcow2",
        ImageFormat.Raw => "raw",
        ImageFormat.Vmdk => "vmdk",
        ImageFormat.Vhd => "vpc",
        ImageFormat.Vhdx => "vhdx",
        _ => throw ProviderErrors.InvalidArgument($"image format {format} cannot be converted to a disk"),
    };

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
    private static partial Regex HeaderName();
}

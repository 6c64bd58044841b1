using System.Globalization;
using System.Text.Json;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>
/// Files and disk images on the hypervisor host, through the same runner as virsh: <c>qemu-img</c>, <c>mkdir</c>,
/// <c>rm</c>, and writing bytes from standard input. Every path is one argument (never shell text). Thread-safe.
/// </summary>
internal sealed class HostFiles(VirshClient virsh)
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> (mode 0600 via umask), replacing it.</summary>
    public Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        // The script is a constant; the path arrives as positional parameter $1, so it is never parsed as shell syntax.
        virsh.RunToolAsync(["sh", "-c", "umask 077 && cat > \"$1\"", "sh", path], cancellationToken, content);

    /// <summary>Creates <paramref name="path"/> and its parents.</summary>
    public Task MakeDirectoryAsync(string path, CancellationToken cancellationToken) => virsh.RunToolAsync(["mkdir", "-p", "--", path], cancellationToken);

    /// <summary>Removes files (missing ones are fine).</summary>
    public Task RemoveAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken) =>
        paths.Count == 0 ? Task.CompletedTask : virsh.RunToolAsync(["rm", "-rf", "--", .. paths], cancellationToken);

    /// <summary>Whether <paramref name="path"/> exists as a file.</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) =>
        (await virsh.Runner.RunAsync(["test", "-f", path], null, cancellationToken).ConfigureAwait(false)).Succeeded;

    /// <summary>Creates a new image: blank of <paramref name="sizeBytes"/>, or a qcow2 overlay on <paramref name="backingFile"/> (grown to the size when larger).</summary>
    public Task CreateImageAsync(string path, string format, long? sizeBytes, string? backingFile, string? backingFormat, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "qemu-img", "create", "-q", "-f", format };
        if (backingFile is not null)
        {
            arguments.AddRange(["-b", backingFile, "-F", backingFormat ?? "qcow2"]);
        }

        arguments.Add(path);
        if (sizeBytes is { } size)
        {
            arguments.Add(size.ToString(CultureInfo.InvariantCulture));
        }

        return virsh.RunToolAsync(arguments, cancellationToken);
    }

    /// <summary><c>qemu-img info --output=json -U</c>: format and virtual size of an image.</summary>
    /// <exception cref="ProviderException">NOT_FOUND when the file does not exist.</exception>
    public async Task<(string Format, long VirtualSize, long ActualSize, string? BackingFile)> ImageInfoAsync(string path, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            throw ProviderErrors.NotFound($"image {path} does not exist on the host");
        }

        return await QemuImageInfoAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>qemu-img info --output=json -U</c> of an image qemu-img opens itself (a path, or an <c>nfs://</c> URL).</summary>
    public async Task<(string Format, long VirtualSize, long ActualSize, string? BackingFile)> QemuImageInfoAsync(string pathOrUrl, CancellationToken cancellationToken)
    {
        var json = await virsh.RunToolAsync(["qemu-img", "info", "--output=json", "-U", pathOrUrl], cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return (
            root.GetProperty("format").GetString() ?? "raw",
            root.GetProperty("virtual-size").GetInt64(),
            root.TryGetProperty("actual-size", out var actual) ? actual.GetInt64() : 0,
            root.TryGetProperty("backing-filename", out var backing) ? backing.GetString() : null);
    }
}

using System.Net;
using VirtRigaud.Provider.Mock.DiskImages;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Mock.Hypervisor;

public sealed partial class MockHypervisor
{
    /// <summary>
    /// Prepares an image for later Creates: a template is looked up in the catalogue; a local file or an http(s) URL is
    /// copied/downloaded into <c>&lt;data&gt;/images/&lt;target&gt;.&lt;format&gt;</c>, its checksum verified (md5, sha1,
    /// sha256, sha512) and its format checked. Idempotent by target name (an image prepared under it is returned);
    /// concurrent duplicates wait for the first. Mutates the file system and the store.
    /// </summary>
    /// <exception cref="ProviderException">UNIMPLEMENTED (image import switched off), INVALID_ARGUMENT (name, format,
    /// checksum type, unreadable image), NOT_FOUND (file, URL or template missing), FAILED_PRECONDITION (checksum
    /// mismatch), UNAVAILABLE (the download failed).</exception>
    public async Task<ImagePrepared> PrepareImageAsync(ImagePrepareSpec spec, CancellationToken cancellationToken)
    {
        if (!Capabilities.ImageImport)
        {
            throw ProviderErrors.Unimplemented("image import");
        }

        RequireName(spec.TargetName, "target_name");
        RequireField(spec.Location, "image source");
        if (!Checksums.TryParseAlgorithm(spec.ChecksumType, out var algorithm))
        {
            throw ProviderErrors.InvalidArgument($"checksumType \"{spec.ChecksumType}\" is not supported (md5, sha1, sha256, sha512)");
        }

        DiskImageFormat? expectedFormat = null;
        if (spec.Format.Length > 0)
        {
            expectedFormat = DiskImageFormats.TryParse(spec.Format, out var parsed)
                ? parsed
                : throw ProviderErrors.InvalidArgument($"image format \"{spec.Format}\" is not supported by the mock provider (qcow2, raw)");
        }

        using var hold = await _nameLocks.AcquireAsync($"image/{spec.TargetName}", cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            EnsureStarted();
            if (_stored.TryGetValue(StoredKey(StoredDiskKind.Image, spec.TargetName), out var existing))
            {
                return new ImagePrepared(ImageIdOf(existing), existing.Path, PendingTask(existing.TaskId, _time.GetUtcNow())?.Id);
            }

            if (spec.Kind == ImageSourceKind.Template)
            {
                var template = _stored.GetValueOrDefault(StoredKey(StoredDiskKind.Template, spec.Location)) ?? throw ProviderErrors.NotFound("template", spec.Location);
                var failure = _faults.DecideTask(MockOperations.ImagePrepare);
                var taskId = StartTask(MockOperations.ImagePrepare, null, spec.TargetName, _time.GetUtcNow(), failure, phase: "registering");
                if (failure is null)
                {
                    Register(new MockStoredDisk
                    {
                        Name = spec.TargetName,
                        Kind = StoredDiskKind.Image,
                        Format = template.Format,
                        VirtualSizeBytes = template.VirtualSizeBytes,
                        ContentId = template.ContentId,
                        Source = $"template:{template.Name}",
                        TaskId = taskId,
                    });
                }

                Persist();
                return new ImagePrepared(template.Name, "", taskId);
            }
        }

        var fault = _faults.DecideTask(MockOperations.ImagePrepare);
        if (fault is not null)
        {
            lock (_gate)
            {
                var failed = StartTask(MockOperations.ImagePrepare, null, spec.TargetName, _time.GetUtcNow(), fault, phase: "downloading");
                Persist();
                return new ImagePrepared(spec.TargetName, "", failed);
            }
        }

        var staging = Path.Combine(ImagesDirectory, $".{spec.TargetName}.{Guid.NewGuid():N}.download");
        try
        {
            if (spec.Kind == ImageSourceKind.File)
            {
                var source = LocalPathOf(spec.Location);
                if (!File.Exists(source))
                {
                    throw ProviderErrors.NotFound($"image file {source} not found");
                }

                await CopyIntoStoreAsync(source, staging, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await DownloadAsync(spec, staging, cancellationToken).ConfigureAwait(false);
            }

            if (spec.Checksum.Length > 0)
            {
                var actual = await Checksums.HashFileAsync(staging, algorithm.Value, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(actual, spec.Checksum.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    throw ProviderErrors.FailedPrecondition(
                        $"checksum mismatch for image {UrlText.Redact(spec.Location)}: expected {spec.ChecksumType} {spec.Checksum.Trim().ToLowerInvariant()}, got {actual}");
                }
            }

            var info = await InspectAsync(staging, cancellationToken).ConfigureAwait(false);
            if (expectedFormat is { } wanted && wanted != info.Format)
            {
                throw ProviderErrors.InvalidArgument($"image {UrlText.Redact(spec.Location)} is {DiskImageFormats.Name(info.Format)}, not {DiskImageFormats.Name(wanted)}");
            }

            var destination = Path.Combine(ImagesDirectory, $"{spec.TargetName}.{DiskImageFormats.Name(info.Format)}");
            File.Move(staging, destination, overwrite: true);
            var sha256 = await Checksums.Sha256FileAsync(destination, cancellationToken).ConfigureAwait(false);
            MockLog.ImagePrepared(_logger, spec.TargetName, UrlText.Redact(spec.Location), DiskImageFormats.Name(info.Format), info.FileSizeBytes, sha256);
            lock (_gate)
            {
                var taskId = StartTask(MockOperations.ImagePrepare, null, spec.TargetName, _time.GetUtcNow(), null, info.FileSizeBytes, "downloading");
                Register(new MockStoredDisk
                {
                    Name = spec.TargetName,
                    Kind = StoredDiskKind.Image,
                    Path = destination,
                    Format = DiskImageFormats.Name(info.Format),
                    VirtualSizeBytes = info.VirtualSizeBytes,
                    FileSizeBytes = info.FileSizeBytes,
                    Checksum = sha256,
                    ContentId = info.Content?.ContentId ?? sha256[..32],
                    Generation = info.Content?.Generation ?? 0,
                    Source = UrlText.Redact(spec.Location),
                    TaskId = taskId,
                });
                Persist();
                return new ImagePrepared(spec.TargetName, destination, taskId);
            }
        }
        finally
        {
            File.Delete(staging);
        }
    }

    private void Register(MockStoredDisk disk) => _stored[StoredKey(disk.Kind, disk.Name)] = disk;

    /// <summary>The id ImagePrepare reports: the template's name for a registered template, else the image's name.</summary>
    private static string ImageIdOf(MockStoredDisk image) =>
        image.Source.StartsWith("template:", StringComparison.Ordinal) ? image.Source["template:".Length..] : image.Name;

    private static string LocalPathOf(string location)
    {
        if (location.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.IsFile && uri.Host.Length == 0
                ? uri.LocalPath
                : throw ProviderErrors.InvalidArgument($"image URL \"{UrlText.Redact(location)}\" is not a local file URL");
        }

        return Path.IsPathFullyQualified(location)
            ? location
            : throw ProviderErrors.InvalidArgument($"image path \"{location}\" is not absolute");
    }

    /// <summary>Downloads an http(s) image to <paramref name="destination"/> within the spec's time budget. Mutates the file system.</summary>
    private async Task DownloadAsync(ImagePrepareSpec spec, string destination, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(spec.Location, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw ProviderErrors.InvalidArgument($"image URL \"{UrlText.Redact(spec.Location)}\" is not an http(s) URL");
        }

        using var budget = new CancellationTokenSource(spec.Timeout ?? _options.DefaultDownloadTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var (name, value) in spec.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw ProviderErrors.NotFound($"image {UrlText.Redact(spec.Location)} not found (HTTP 404)");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw ProviderErrors.Unavailable($"image download from {UrlText.Redact(spec.Location)} failed: HTTP {(int)response.StatusCode}");
            }

            var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    await body.CopyToAsync(output, linked.Token).ConfigureAwait(false);
                }
            }
        }
        catch (HttpRequestException e)
        {
            throw ProviderErrors.Unavailable($"image download from {UrlText.Redact(spec.Location)} failed: {e.HttpRequestError}", e);
        }
        catch (OperationCanceledException e) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw ProviderErrors.DeadlineExceeded($"image download from {UrlText.Redact(spec.Location)} took longer than its timeout", e);
        }
    }
}

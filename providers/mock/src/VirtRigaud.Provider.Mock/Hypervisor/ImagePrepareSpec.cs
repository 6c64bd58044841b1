namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>An ImagePrepare request in hypervisor terms (from the camelCase VMImageSpec). Immutable.</summary>
public sealed record ImagePrepareSpec
{
    /// <summary>The prepared image's name (VMImage name); the idempotency key.</summary>
    public required string TargetName { get; init; }

    public required ImageSourceKind Kind { get; init; }

    /// <summary>File path, URL or template name.</summary>
    public required string Location { get; init; }

    /// <summary>Expected format (qcow2, raw, …); empty ⇒ detected from the file.</summary>
    public string Format { get; init; } = "";

    /// <summary>Expected digest, hex; empty ⇒ not checked.</summary>
    public string Checksum { get; init; } = "";

    /// <summary>md5, sha1, sha256 (default) or sha512.</summary>
    public string ChecksumType { get; init; } = "sha256";

    /// <summary>Extra HTTP request headers. May hold credentials: never logged.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Download time budget; <c>null</c> ⇒ <see cref="MockHypervisorOptions.DefaultDownloadTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }
}

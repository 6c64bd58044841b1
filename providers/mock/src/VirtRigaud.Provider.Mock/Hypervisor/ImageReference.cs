namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>The image of a Create (Payloads' CreateImage): a prepared image or imported disk by path, or a template by name. Immutable.</summary>
public sealed record ImageReference
{
    public string TemplateName { get; init; } = "";

    public string Path { get; init; } = "";

    /// <summary>A download URL: the mock boots only from prepared images, so a bare URL is FAILED_PRECONDITION.</summary>
    public string Url { get; init; } = "";
}

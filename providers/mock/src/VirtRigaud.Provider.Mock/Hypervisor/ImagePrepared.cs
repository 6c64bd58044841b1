namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>The outcome of ImagePrepare: the image's id (its name) and path (empty for templates). Immutable.</summary>
public sealed record ImagePrepared(string ImageId, string ImagePath, string? TaskId);

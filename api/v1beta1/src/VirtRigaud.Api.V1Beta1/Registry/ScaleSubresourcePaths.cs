namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Where a kind's <c>/scale</c> subresource reads and writes: the desired replicas, the observed replicas and the
/// label selector (string form) of the replicas — CRD <c>subresources.scale</c> paths.
/// </summary>
public sealed record ScaleSubresourcePaths(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);

namespace VirtRigaud.Client.Configuration;

/// <summary>
/// Explicit choices that win over the kubeconfig (kubectl's <c>--context</c>, <c>--cluster</c>, <c>--user</c>,
/// <c>--namespace</c>, <c>--server</c>). Null means "as the kubeconfig says".
/// </summary>
public sealed record KubeconfigOverrides
{
    /// <summary>No overrides.</summary>
    public static KubeconfigOverrides None { get; } = new();

    /// <summary>The context to use instead of <c>current-context</c>.</summary>
    public string? Context { get; init; }

    /// <summary>The cluster to use instead of the context's.</summary>
    public string? Cluster { get; init; }

    /// <summary>The user to use instead of the context's.</summary>
    public string? User { get; init; }

    /// <summary>The default namespace instead of the context's.</summary>
    public string? Namespace { get; init; }

    /// <summary>The server URL instead of the cluster's.</summary>
    public string? Server { get; init; }
}

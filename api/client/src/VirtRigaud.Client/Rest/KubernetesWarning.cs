namespace VirtRigaud.Client.Rest;

/// <summary>
/// One <c>Warning</c> response header (RFC 7234 §5.5, as kube-apiserver sends them: <c>299 - "text"</c>) — deprecations,
/// unknown fields under <c>fieldValidation=Warn</c>, admission warnings.
/// </summary>
/// <param name="Code">The warn code; kube-apiserver always uses 299.</param>
/// <param name="Agent">The warn agent; <c>-</c> from kube-apiserver.</param>
/// <param name="Text">The unquoted warning text.</param>
public sealed record KubernetesWarning(int Code, string Agent, string Text);

using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Providers;

namespace VirtRigaud.Controllers.VirtualMachines;

public sealed partial class VirtualMachineReconciler
{
    /// <summary>
    /// Looks up the Provider (providerRef.namespace or the VM's), VMClass (classRef.namespace or the VM's), VMImage
    /// (imageRef.namespace or the VM's) and VMNetworkAttachments (the VM's namespace) in the informer caches, and the
    /// Provider's validated connection. Every missing object is named, not just the first (upstream said "Provider …
    /// not found" whatever was missing).
    /// </summary>
    private Dependencies Resolve(VirtualMachine vm)
    {
        var ns = vm.Metadata.Namespace ?? "";
        var missing = new List<string>();

        var providerNs = Or(vm.Spec.ProviderRef.Namespace, ns);
        var provider = _providers.Get(providerNs, vm.Spec.ProviderRef.Name);
        if (provider is null)
        {
            missing.Add($"Provider {providerNs}/{vm.Spec.ProviderRef.Name} not found");
        }

        var classNs = Or(vm.Spec.ClassRef.Namespace, ns);
        var vmClass = _classes.Get(classNs, vm.Spec.ClassRef.Name);
        if (vmClass is null)
        {
            missing.Add($"VMClass {classNs}/{vm.Spec.ClassRef.Name} not found");
        }

        VMImage? image = null;
        if (vm.Spec.ImageRef is { } imageRef)
        {
            var imageNs = Or(imageRef.Namespace, ns);
            image = _images.Get(imageNs, imageRef.Name);
            if (image is null)
            {
                missing.Add($"VMImage {imageNs}/{imageRef.Name} not found");
            }
        }

        var attachments = new Dictionary<string, VMNetworkAttachment>(StringComparer.Ordinal);
        foreach (var network in vm.Spec.Networks ?? [])
        {
            if (network.NetworkRef is not { } reference || attachments.ContainsKey(reference.Name))
            {
                continue;
            }

            if (_attachments.Get(ns, reference.Name) is { } attachment)
            {
                attachments[reference.Name] = attachment;
            }
            else
            {
                missing.Add($"VMNetworkAttachment {ns}/{reference.Name} (network {network.Name}) not found");
            }
        }

        if (missing.Count > 0)
        {
            return new Dependencies { Missing = string.Join("; ", missing) };
        }

        var connection = _pool.Get(providerNs, provider!.Metadata.Name ?? "");
        if (connection is null)
        {
            // Not a missing object: the Provider exists but its runtime is not answering (upstream: ProviderError).
            var runtime = provider.Status?.Runtime;
            return new Dependencies
            {
                Unavailable = $"Provider {providerNs}/{provider.Metadata.Name} is not connected (runtime phase {runtime?.Phase?.ToString() ?? "unknown"}{(string.IsNullOrEmpty(runtime?.Message) ? "" : ": " + runtime.Message)})",
            };
        }

        return new Dependencies
        {
            Provider = provider,
            Class = vmClass,
            Image = image,
            Attachments = attachments,
            Connection = connection,
        };
    }

    /// <summary>Reads a Secret named by a cloud-init secretRef in the VM's namespace (live, not cached: Secrets are not informed).</summary>
    private async Task<Secret?> ReadSecretAsync(string ns, string? name, string field, List<string> missing, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        try
        {
            return await _client.Core.Secrets(ns).GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            missing.Add($"Secret {ns}/{name} ({field}) not found");
            return null;
        }
    }

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;

    /// <summary>What one pass works with; <see cref="Missing"/> or <see cref="Unavailable"/> set means wait.</summary>
    private sealed record Dependencies
    {
        /// <summary>Every missing object, named with kind and namespace/name.</summary>
        public string? Missing { get; init; }

        /// <summary>Why the Provider cannot be used although it exists.</summary>
        public string? Unavailable { get; init; }

        public Api.V1Beta1.Provider? Provider { get; init; }

        public VMClass? Class { get; init; }

        public VMImage? Image { get; init; }

        public IReadOnlyDictionary<string, VMNetworkAttachment> Attachments { get; init; } = new Dictionary<string, VMNetworkAttachment>();

        public ProviderConnection? Connection { get; init; }

        public string ProviderName => Provider?.Metadata.Name ?? "";

        public ProviderReportedCapabilities? Capabilities => Provider?.Status?.ReportedCapabilities;

        /// <summary>The Provider's type as upstream's <c>provider_type</c> metric label (<c>libvirt</c>, <c>mock</c>…).</summary>
        public string ProviderType => Provider is { } p ? WireNames.Of(p.Spec.Type) : "";
    }
}

using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>Wires the Provider controller into a <see cref="ControllerManager"/>.</summary>
public static class ProviderControllerSetup
{
    /// <summary>The controller's name (metrics <c>kind</c> label, work-queue name, <c>--workers</c> key).</summary>
    public const string ControllerName = "Provider";

    /// <summary>
    /// Adds the Provider controller (5 workers unless <c>--workers Provider=n</c>) and the Local-process supervisor (a
    /// leader-only runnable that stops every child when the manager stops). Events: a Provider's spec (generation) or
    /// deletion; a VirtualMachine added, deleted or moved to another Provider (connectedVMs); a Secret a Provider uses
    /// (credentials, TLS); a Local process changing state; and, when the server serves them, the Provider's
    /// Deployment and Service and the namespace's migration PVCs. Status-only Provider updates (our own writes) are
    /// ignored; health checks requeue themselves every <c>spec.healthCheck.interval</c>.
    /// </summary>
    /// <returns>The supervisor (the caller disposes it after the manager has stopped).</returns>
    public static LocalProviderSupervisor Register(ControllerManager manager, ProviderConnectionPool pool, ProviderControllerOptions options)
    {
        options.Validate();
        var providers = manager.Informers.ListerFor(ResourceDefinitions.Providers);
        var supervisor = new LocalProviderSupervisor(options.Local, manager.Events, manager.TimeProvider, manager.LoggerFactory);
        var builder = manager.NewController(ResourceDefinitions.Providers)
            .Named(ControllerName)
            .WithWorkers(ProviderControllerOptions.DefaultWorkers)
            .WithUpdateFilter(static (old, updated) => old.Metadata.Generation != updated.Metadata.Generation || updated.Metadata.DeletionTimestamp is not null)
            .Watches(ResourceDefinitions.VirtualMachines, vm => [ProviderOf(vm)], static (old, updated) => ProviderOf(old) != ProviderOf(updated))
            .Watches(ResourceDefinitions.Secrets, secret => Using(providers, secret));
        if (options.Apis.Deployments)
        {
            builder = builder.Owns(ResourceDefinitions.Deployments);
        }

        if (options.Apis.Services)
        {
            builder = builder.Owns(ResourceDefinitions.Services);
        }

        if (options.Apis.PersistentVolumeClaims)
        {
            builder = builder.Watches(ResourceDefinitions.PersistentVolumeClaims, claim => MigrationStorageOwners(providers, claim));
        }

        var controller = builder.Complete(new ProviderReconciler(manager, pool, supervisor, options));
        supervisor.Changed = controller.Enqueue;
        manager.AddRunnable("local-provider-supervisor", supervisor.RunAsync, needsLeader: true);
        return supervisor;
    }

    /// <summary>The Provider a VirtualMachine references (its providerRef namespace defaulting to the VM's).</summary>
    public static ObjectKey ProviderOf(VirtualMachine vm) => new(
        string.IsNullOrEmpty(vm.Spec.ProviderRef.Namespace) ? vm.Metadata.Namespace ?? "" : vm.Spec.ProviderRef.Namespace,
        vm.Spec.ProviderRef.Name);

    private static IEnumerable<ObjectKey> Using(Lister<Api.V1Beta1.Provider> providers, Secret secret)
    {
        var name = secret.Metadata.Name;
        return providers.List()
            .Where(p => p.Metadata.Namespace == secret.Metadata.Namespace
                && (p.Spec.CredentialSecretRef.Name == name || p.Spec.Runtime.Service?.Tls?.SecretRef?.Name == name))
            .Select(ObjectKey.Of)
            .ToList();
    }

    // Upstream: a migration PVC appearing or going re-rolls every provider Deployment of its namespace.
    private static IEnumerable<ObjectKey> MigrationStorageOwners(Lister<Api.V1Beta1.Provider> providers, PersistentVolumeClaim claim) =>
        claim.Metadata.Label(ProviderRuntimeNames.MigrationStorageLabel) != ProviderRuntimeNames.MigrationStorageLabelValue
            ? []
            : providers.List()
                .Where(p => p.Metadata.Namespace == claim.Metadata.Namespace && (p.Spec.Runtime.Mode ?? ProviderRuntimeMode.Remote) == ProviderRuntimeMode.Remote)
                .Select(ObjectKey.Of)
                .ToList();
}

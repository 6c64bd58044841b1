using Core = VirtRigaud.Api.Machinery.Core;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// The provider's environment, in upstream's order (API-REFERENCE §3.1): <c>PROVIDER_TYPE</c>, <c>PROVIDER_ENDPOINT</c>,
/// <c>PROVIDER_NAMESPACE</c>, <c>PROVIDER_NAME</c>, <c>TLS_ENABLED</c>, <c>VIRTRIGAUD_PROVIDER_INSECURE</c> (only when
/// TLS is disabled), <c>TLS_INSECURE_SKIP_VERIFY</c>, <c>LOG_LEVEL</c>/<c>LOG_FORMAT</c> (when set), the
/// <c>PROVIDER_DEFAULT_*</c> placement defaults (when set), then <c>spec.runtime.env</c>. Pure functions.
/// </summary>
public static class ProviderContainerEnv
{
    /// <summary>For the Remote pod: namespace and name come from the pod by fieldRef, as upstream.</summary>
    public static IReadOnlyList<Core.EnvVar> ForPod(Api.V1Beta1.Provider provider) => Build(
        provider,
        new Core.EnvVar { Name = "PROVIDER_NAMESPACE", ValueFrom = new Core.EnvVarSource { FieldRef = new Core.ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
        new Core.EnvVar { Name = "PROVIDER_NAME", ValueFrom = new Core.EnvVarSource { FieldRef = new Core.ObjectFieldSelector { FieldPath = "metadata.labels['app.kubernetes.io/instance']" } } });

    /// <summary>
    /// For a Local process: the same variables with the namespace and name written out. <c>spec.runtime.env</c> entries
    /// are appended as they are; the caller resolves their <c>valueFrom</c>.
    /// </summary>
    public static IReadOnlyList<Core.EnvVar> ForProcess(Api.V1Beta1.Provider provider) => Build(
        provider,
        new Core.EnvVar { Name = "PROVIDER_NAMESPACE", Value = provider.Metadata.Namespace ?? "" },
        new Core.EnvVar { Name = "PROVIDER_NAME", Value = provider.Metadata.Name ?? "" });

    private static List<Core.EnvVar> Build(Api.V1Beta1.Provider provider, Core.EnvVar namespaceVar, Core.EnvVar nameVar)
    {
        var spec = provider.Spec;
        var tls = ProviderTlsPosture.Evaluate(spec).Enabled;
        var env = new List<Core.EnvVar>
        {
            new() { Name = "PROVIDER_TYPE", Value = ProviderRuntimeNames.TypeName(spec.Type) },
            new() { Name = "PROVIDER_ENDPOINT", Value = spec.Endpoint },
            namespaceVar,
            nameVar,
            new() { Name = "TLS_ENABLED", Value = tls ? "true" : "false" },
        };
        if (!tls)
        {
            env.Add(new Core.EnvVar { Name = "VIRTRIGAUD_PROVIDER_INSECURE", Value = "true" });
        }

        env.Add(new Core.EnvVar { Name = "TLS_INSECURE_SKIP_VERIFY", Value = spec.InsecureSkipVerify == true ? "true" : "false" });
        AddIfSet(env, "LOG_LEVEL", spec.Runtime.LogLevel);
        AddIfSet(env, "LOG_FORMAT", spec.Runtime.LogFormat);
        AddIfSet(env, "PROVIDER_DEFAULT_DATASTORE", spec.Defaults?.Datastore);
        AddIfSet(env, "PROVIDER_DEFAULT_STORAGE_POD", spec.Defaults?.StoragePod);
        AddIfSet(env, "PROVIDER_DEFAULT_CLUSTER", spec.Defaults?.Cluster);
        AddIfSet(env, "PROVIDER_DEFAULT_FOLDER", spec.Defaults?.Folder);
        env.AddRange(spec.Runtime.Env ?? []);
        return env;
    }

    private static void AddIfSet(List<Core.EnvVar> env, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            env.Add(new Core.EnvVar { Name = name, Value = value });
        }
    }
}

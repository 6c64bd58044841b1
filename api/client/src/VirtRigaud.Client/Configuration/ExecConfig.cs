using System.Text;
using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Configuration;

/// <summary>
/// An exec credential plugin (client.authentication.k8s.io): a command that prints an <c>ExecCredential</c> with a
/// token or a client certificate. Relative commands containing a path separator are resolved against the kubeconfig's
/// directory; bare names are looked up on <c>PATH</c>.
/// </summary>
public sealed record ExecConfig
{
    [JsonPropertyName("command")]
    public required string Command { get; init; }

    [JsonPropertyName("args")]
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Extra environment variables for the plugin (added to the client's environment).</summary>
    [JsonPropertyName("env")]
    public IReadOnlyList<ExecEnvVar>? Env { get; init; }

    /// <summary><c>client.authentication.k8s.io/v1</c> or <c>client.authentication.k8s.io/v1beta1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    /// <summary>Shown to the user when the command is missing.</summary>
    [JsonPropertyName("installHint")]
    public string? InstallHint { get; init; }

    /// <summary>Pass the cluster (server, CA, TLS name, proxy) to the plugin in <c>KUBERNETES_EXEC_INFO</c>.</summary>
    [JsonPropertyName("provideClusterInfo")]
    public bool? ProvideClusterInfo { get; init; }

    /// <summary>
    /// <c>Never</c>, <c>IfAvailable</c> or <c>Always</c> (required in v1). This library never gives the plugin a terminal:
    /// <c>Never</c> and <c>IfAvailable</c> run it non-interactively; <c>Always</c> is refused.
    /// </summary>
    [JsonPropertyName("interactiveMode")]
    public string? InteractiveMode { get; init; }

    // Env values may hold secrets: print names only.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Command = ").Append(Command)
            .Append(", Args = [").Append(Args is null ? "" : string.Join(", ", Args)).Append(']')
            .Append(", Env = [").Append(Env is null ? "" : string.Join(", ", Env.Select(e => e.Name))).Append(']')
            .Append(", ApiVersion = ").Append(ApiVersion)
            .Append(", ProvideClusterInfo = ").Append(ProvideClusterInfo)
            .Append(", InteractiveMode = ").Append(InteractiveMode);
        return true;
    }
}

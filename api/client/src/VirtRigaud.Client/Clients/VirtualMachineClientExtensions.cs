using System.Text.Json;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Models;
using VirtRigaud.Client.Models.Subresources;

namespace VirtRigaud.Client.Clients;

/// <summary>The VirtualMachine subresources (apiserver/docs/subresources.md): <c>power</c> and <c>console</c>.</summary>
public static class VirtualMachineClientExtensions
{
    /// <summary>
    /// <c>POST …/virtualmachines/{name}/power</c> with an action of <see cref="PowerAction"/>. The server stores the
    /// request (202) and answers with the updated VirtualMachine; the machine follows when its controller runs.
    /// </summary>
    /// <exception cref="Rest.KubernetesApiException">422 for an unknown action, 404 for a missing machine.</exception>
    public static Task<VirtualMachine> PowerAsync(this ResourceClient<VirtualMachine> client, string name, string action, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new VirtualMachinePowerRequest { Action = action }, CoreJsonContext.Default.VirtualMachinePowerRequest);
        IReadOnlyList<KeyValuePair<string, string>> query = dryRun ? [new("dryRun", "All")] : [];
        return client.SendSubresourceAsync(HttpMethod.Post, name, "power", body, V1Beta1JsonContext.Default.VirtualMachine, query, cancellationToken);
    }

    /// <summary><c>GET …/virtualmachines/{name}/console</c>: the console URL the provider reported.</summary>
    /// <exception cref="Rest.KubernetesApiException">404 when the machine is missing or has no console URL yet.</exception>
    public static Task<VirtualMachineConsole> GetConsoleAsync(this ResourceClient<VirtualMachine> client, string name, CancellationToken cancellationToken = default) =>
        client.SendSubresourceAsync(HttpMethod.Get, name, "console", null, CoreJsonContext.Default.VirtualMachineConsole, null, cancellationToken);
}

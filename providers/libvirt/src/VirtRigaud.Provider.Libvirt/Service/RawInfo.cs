using System.Text.Json;
using VirtRigaud.Provider.Libvirt.Libvirt;

namespace VirtRigaud.Provider.Libvirt.Service;

/// <summary>
/// Describe's <c>provider_raw_json</c>: a flat JSON object of strings (the manager stringifies every value into
/// <c>status.provider</c>), written with Utf8JsonWriter (no reflection).
/// <code>
/// key           value
/// state         libvirt state (Running, ShutOff, Paused, …)
/// uuid          domain UUID
/// vcpus         vCPUs now; max_vcpus the hot-plug ceiling
/// memory_mib    memory now; max_memory_mib the ceiling
/// firmware      Bios | Uefi
/// vnc_port      VNC TCP port (running domains)
/// ip_source     agent | lease | arp | none: where the IPs came from
/// tools_status  toolsOk (the guest agent answered) | toolsNotRunning (running, agent silent) | toolsNotInstalled (off)
/// </code>
/// </summary>
internal static class RawInfo
{
    /// <summary>The JSON text.</summary>
    public static string Describe(DomainDescription description, DomainState state, string ipSource)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("state", state.ToString());
            writer.WriteString("uuid", description.Uuid);
            writer.WriteString("vcpus", description.VCpus.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("max_vcpus", description.MaxVCpus.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("memory_mib", description.MemoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("max_memory_mib", description.MaxMemoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("firmware", description.Firmware.ToString());
            if (description.VncPort is { } port)
            {
                writer.WriteString("vnc_port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            writer.WriteString("ip_source", ipSource);
            writer.WriteString("tools_status", ipSource == "agent" ? "toolsOk" : DomainStates.IsActive(state) ? "toolsNotRunning" : "toolsNotInstalled");
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

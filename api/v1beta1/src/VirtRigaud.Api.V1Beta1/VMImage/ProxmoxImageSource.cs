using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A Proxmox VE template, by VMID or by name, cloned for each VM.</summary>
public sealed record ProxmoxImageSource
{
    /// <summary>
    /// The template's VMID. Upstream's Go type is <c>int</c> (64-bit, no <c>format</c> in the CRD); <c>long</c> keeps
    /// that width.
    /// </summary>
    [JsonPropertyName("templateID")]
    [Minimum(100)]
    [Maximum(999999999)]
    [Format("")]
    public long? TemplateID { get; init; }

    [JsonPropertyName("templateName")]
    [MaxLength(255)]
    public string? TemplateName { get; init; }

    /// <summary>The Proxmox storage for cloned disks.</summary>
    [JsonPropertyName("storage")]
    [MaxLength(255)]
    public string? Storage { get; init; }

    /// <summary>The cluster node holding the template.</summary>
    [JsonPropertyName("node")]
    [MaxLength(255)]
    public string? Node { get; init; }

    [JsonPropertyName("format")]
    [Enum("raw", "qcow2", "vmdk")]
    [Default("qcow2")]
    public ImageFormat? Format { get; init; }

    /// <summary>A full clone (independent disks) rather than a linked clone.</summary>
    [JsonPropertyName("fullClone")]
    [Default(true)]
    public bool? FullClone { get; init; }
}
